from django.apps import AppConfig


class PositionsConfig(AppConfig):
    """服务阵地: 职工之家, 职工书屋, 户外劳动者服务站点, 母婴室 and the rest, on a map, with visits and coverage."""

    name = "gonghui.positions"
    label = "positions"
