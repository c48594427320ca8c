from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gonghui.reports"
    label = "reports"

    def ready(self) -> None:
        from gonghui.core.periodic import register_periodic

        # A finished export's file is kept for a day, then the sweep removes it with its row.
        register_periodic("export_jobs_purge", "gonghui.reports.tasks.export_jobs_purge_task")

        from gonghui.orgs.paths import register_path_copy
        from gonghui.reports.workreport.models import WorkReport

        register_path_copy(WorkReport, "org_path")
