from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"

    def ready(self) -> None:
        from gonghui.core.periodic import register_periodic

        # What is past its retention period is purged or archived once a day (core.retention).
        register_periodic("retention_sweep", "gonghui.core.tasks.retention_sweep_task")
