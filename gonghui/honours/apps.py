from django.apps import AppConfig


class HonoursConfig(AppConfig):
    """荣誉: award kinds, 评选通知 with quotas, nominations reviewed up the tree, 公示, awards, the 劳模 register."""

    name = "gonghui.honours"
    label = "honours"
