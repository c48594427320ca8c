from django.apps import AppConfig


class ContractsConfig(AppConfig):
    """集体合同: collective contracts from the offer to negotiate (要约) to expiry and renewal."""

    name = "gonghui.contracts"
    label = "contracts"

    def ready(self) -> None:
        import gonghui.contracts.exports
        import gonghui.contracts.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.contracts.models import CollectiveContract, Coverage, EmployerCoverage
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_employer_path_copy, register_path_copy

        # A union that moves takes its contracts along; a coverage row follows its employer's union.
        register_path_copy(CollectiveContract, "org_path")
        register_path_copy(Coverage, "org_path")
        register_path_copy(EmployerCoverage, "org_path")
        # ...and follows its employer when the employer alone changes union (an edit, a merge).
        register_employer_path_copy(Coverage)
        register_employer_path_copy(EmployerCoverage)
        register_periodic("contract_sweep", "gonghui.contracts.tasks.contract_sweep_task")
