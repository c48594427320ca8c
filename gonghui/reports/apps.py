from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gonghui.reports"
    label = "reports"

    def ready(self) -> None:
        from gonghui.core.periodic import register_periodic

        # A finished export's file is kept for a day, then the sweep removes it with its row.
        register_periodic("export_jobs_purge", "gonghui.reports.tasks.export_jobs_purge_task")
        # The stored metric figures of the standard periods, recomputed on the timer; rollup_check
        # compares each with its live value.
        register_periodic("metric_figures_refresh", "gonghui.reports.tasks.metric_figures_refresh_task")
        from gonghui.orgs.rollup import register_rollup_check
        from gonghui.reports.metrics.rollup import metric_drift

        register_rollup_check("metric figures", metric_drift)
        import gonghui.reports.metrics.exports  # noqa: F401  (the rows behind a metric, exported)
