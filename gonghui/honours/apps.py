from django.apps import AppConfig


class HonoursConfig(AppConfig):
    """荣誉: award kinds, 评选通知 with quotas, nominations reviewed up the tree, 公示, awards, the 劳模 register."""

    name = "gonghui.honours"
    label = "honours"

    def ready(self) -> None:
        import gonghui.honours.exports
        import gonghui.honours.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.honours import models
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its calls, nominations, notices and register entries along.
        for model in (models.Call, models.CallQuota, models.HonourNomination, models.NominationCheck,
                      models.PublicNotice, models.Objection, models.Award, models.ModelWorker):
            register_path_copy(model, "org_path")
        # The level holding a nomination moves with its union too.
        register_path_copy(models.HonourNomination, "at_path")
