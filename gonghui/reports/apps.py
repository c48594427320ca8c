from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gonghui.reports"
    label = "reports"

    def ready(self) -> None:
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_path_copy
        from gonghui.reports.stats.models import StatReturn

        # A return follows its union when the union moves under another parent.
        register_path_copy(StatReturn, "org_path")

        # A finished export's file is kept for a day, then the sweep removes it with its row.
        register_periodic("export_jobs_purge", "gonghui.reports.tasks.export_jobs_purge_task")

        from gonghui.orgs.paths import register_path_copy
        from gonghui.reports.workreport.models import WorkReport

        register_path_copy(WorkReport, "org_path")
