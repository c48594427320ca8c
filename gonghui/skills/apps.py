from django.apps import AppConfig


class SkillsConfig(AppConfig):
    """技能与创新: 劳动和技能竞赛, 五小 and 合理化建议, 创新工作室, 师带徒, 职工技能培训."""

    name = "gonghui.skills"
    label = "skills"

    def ready(self) -> None:
        import gonghui.skills.exports
        import gonghui.skills.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.skills.competition_models import register_competition_paths

        register_competition_paths()

        from gonghui.orgs.paths import register_path_copy

        # Innovation: a union that moves takes its employers' suggestions, studios, pairs and courses along.
        from gonghui.skills import models as innovation

        for model in (innovation.Suggestion, innovation.SuggestionReward, innovation.Patent,
                      innovation.InnovationStudio, innovation.StudioResult, innovation.Apprenticeship,
                      innovation.TrainingCourse):
            register_path_copy(model, "org_path")
