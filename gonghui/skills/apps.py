from django.apps import AppConfig


class SkillsConfig(AppConfig):
    """技能与创新: 劳动和技能竞赛, 五小 and 合理化建议, 创新工作室, 师带徒, 职工技能培训."""

    name = "gonghui.skills"
    label = "skills"

    def ready(self) -> None:
        from gonghui.skills.competition_models import register_competition_paths

        register_competition_paths()
