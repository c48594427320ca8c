from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"

    def ready(self) -> None:
        # Importing them registers this domain's list exports and metrics.
        from gonghui.orgs import exports, metrics  # noqa: F401
        from gonghui.orgs.models import Employer, EmployerRiskListing
        from gonghui.orgs.paths import register_employer_path_copy, register_path_copy

        register_path_copy(Employer, "org_path")
        register_path_copy(EmployerRiskListing, "org_path")
        register_employer_path_copy(EmployerRiskListing)
