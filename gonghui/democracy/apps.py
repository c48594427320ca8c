from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    """民主管理: 职工代表大会, its votes and 提案, 厂务公开, 职工董事 and 职工监事."""

    name = "gonghui.democracy"
    label = "democracy"

    def ready(self) -> None:
        import gonghui.democracy.metrics
        from gonghui.democracy import models
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its employers' congresses and everything hanging off them along.
        for model in (models.WorkersCongress, models.CongressTerm, models.CongressSession, models.Delegate,
                      models.AgendaItem, models.Proposal, models.Disclosure, models.OpennessAssessment,
                      models.BoardSeat):
            register_path_copy(model, "org_path")

        import gonghui.democracy.exports  # noqa: F401  (registers the 民主管理 lists' exports)
