from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    """困难职工档案: the hardship registry (surveys, assessment rules, filing, re-checks, exits and relapses)."""

    name = "gonghui.assistance"
    label = "assistance"

    def ready(self) -> None:
        import gonghui.assistance.exports
        import gonghui.assistance.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.assistance.models import HardshipFile
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its hardship files along. The access log keeps the path at the time
        # of access, like the audit log, so it is not registered.
        register_path_copy(HardshipFile, "org_path")
        register_periodic("hardship_flag_due_rechecks", "gonghui.assistance.tasks.hardship_flag_due_rechecks_task")
