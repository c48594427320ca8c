from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"

    def ready(self) -> None:
        import gonghui.orgs.exports  # noqa: F401  (registers this domain's list exports)
        from gonghui.orgs.models import Employer
        from gonghui.orgs.paths import register_path_copy

        register_path_copy(Employer, "org_path")
