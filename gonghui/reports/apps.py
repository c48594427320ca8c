from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gonghui.reports"
    label = "reports"

    def ready(self) -> None:
        import gonghui.reports.risk.exports
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_employer_path_copy, register_path_copy
        from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert
        from gonghui.reports.stats.models import StatReturn
        from gonghui.reports.workreport.models import WorkReport

        # A finished export's file is kept for a day, then the sweep removes it with its row.
        register_periodic("export_jobs_purge", "gonghui.reports.tasks.export_jobs_purge_task")
        register_path_copy(WorkReport, "org_path")
        # A 统计年报 return follows its union when the union moves under another parent.
        register_path_copy(StatReturn, "org_path")

        # The radar's scores, refreshed when the last refresh is older than risk.services.REFRESH_EVERY.
        register_periodic("risk_refresh", "gonghui.reports.tasks.risk_refresh_task")

        # The national tier: figures sent up monthly (when an upper deployment is set), old nonces pruned.
        register_periodic("federation_send", "gonghui.reports.tasks.federation_send_task")
        register_periodic("federation_nonces_prune", "gonghui.reports.tasks.federation_nonces_prune_task")
        # Cross-deployment transfers: lapse, release by themselves, and deliver releases B has not had.
        register_periodic("cross_transfers_due", "gonghui.reports.tasks.cross_transfers_due_task")
        from gonghui.reports.federation.transfer_models import CrossTransfer

        register_path_copy(CrossTransfer, "org_path")
        for model in (EmployerRiskScore, RiskAlert):
            register_path_copy(model, "org_path")
            register_employer_path_copy(model)

        # The stored metric figures of the standard periods, recomputed on the timer; rollup_check
        # compares each with its live value.
        register_periodic("metric_figures_refresh", "gonghui.reports.tasks.metric_figures_refresh_task")
        from gonghui.orgs.rollup import register_rollup_check
        from gonghui.reports.metrics.rollup import metric_drift

        register_rollup_check("metric figures", metric_drift)
        import gonghui.reports.metrics.exports  # noqa: F401  (the rows behind a metric, exported)
