from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    """节假日与调休: the working-day calendar every deadline in the system is counted on."""

    name = "gonghui.workdays"
    label = "workdays"

    def ready(self) -> None:
        from gonghui.orgs.paths import register_path_copy
        from gonghui.workdays.models import CalendarYear, Holiday

        # A moved union takes its local calendar along.
        register_path_copy(Holiday, "org_path")
        register_path_copy(CalendarYear, "org_path")
