from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    """节假日与调休: the working-day calendar every deadline in the system is counted on."""

    name = "gonghui.workdays"
    label = "workdays"
