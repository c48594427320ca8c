from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"

    def ready(self) -> None:
        from gonghui.orgs.models import Employer
        from gonghui.orgs.paths import register_path_copy

        register_path_copy(Employer, "org_path")
