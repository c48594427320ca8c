from django.apps import AppConfig


class PositionsConfig(AppConfig):
    """服务阵地: 职工之家, 职工书屋, 户外劳动者服务站点, 母婴室 and the rest, on a map, with visits and coverage."""

    name = "gonghui.positions"
    label = "positions"

    def ready(self) -> None:
        import gonghui.positions.exports
        import gonghui.positions.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.orgs.paths import register_path_copy
        from gonghui.positions.models import PositionVisit, ServicePosition

        # A union that moves takes its positions and their check-ins along.
        register_path_copy(ServicePosition, "org_path")
        register_path_copy(PositionVisit, "org_path")
