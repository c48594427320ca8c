from django.apps import AppConfig


class CasesConfig(AppConfig):
    """维权: the 12351 hotline and the one case engine behind mediation, legal aid and petitions."""

    name = "gonghui.cases"
    label = "cases"

    def ready(self) -> None:
        import gonghui.cases.metrics
        from gonghui.cases.models import Case, SlaPolicy
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its cases and its deadline settings along.
        register_path_copy(Case, "org_path")
        register_path_copy(SlaPolicy, "org_path")

        import gonghui.cases.exports  # noqa: F401  (registers the 维权 lists' exports)
        from gonghui.core.periodic import register_periodic

        register_periodic("case_sweep_overdue", "gonghui.cases.tasks.case_sweep_overdue_task")
