from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    """困难职工帮扶: the hardship registry, aid programmes and campaigns, and mutual-aid insurance."""

    name = "gonghui.assistance"
    label = "assistance"
