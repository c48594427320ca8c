from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"

    def ready(self) -> None:
        import gonghui.orgs.exports  # noqa: F401  (registers this domain's list exports)
        from gonghui.orgs.models import Employer, EmployerRiskListing
        from gonghui.orgs.paths import register_employer_path_copy, register_path_copy

        register_path_copy(Employer, "org_path")
        register_path_copy(EmployerRiskListing, "org_path")
        register_employer_path_copy(EmployerRiskListing)
