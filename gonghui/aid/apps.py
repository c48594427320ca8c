from django.apps import AppConfig


class AidConfig(AppConfig):
    """帮扶项目与发放: programmes and yearly campaigns (送温暖, 金秋助学, 夏送清凉 ...), budgets, and
    disbursement batches with their bank files; no household aided twice in a cycle."""

    name = "gonghui.aid"
    label = "aid"

    def ready(self) -> None:
        import gonghui.aid.exports
        import gonghui.aid.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.aid.models import AidBatch, AidCampaign, AidGrant, AidProgramme
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its programmes, campaigns, batches and grants along.
        for model in (AidProgramme, AidCampaign, AidBatch, AidGrant):
            register_path_copy(model, "org_path")
