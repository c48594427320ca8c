from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from gonghui.core.periodic import register_periodic
        from gonghui.core.sweep_runs import record_sweep_run

        # Each periodic job's last run, from whichever worker ran it (the sweep metrics read it).
        task_finished.connect(record_sweep_run, dispatch_uid="gonghui.core.sweep_runs")

        # What is past its retention period is purged or archived once a day (core.retention).
        register_periodic("retention_sweep", "gonghui.core.tasks.retention_sweep_task")
