from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    """工会活动: 文体, 培训, 疗休养, 健步走 and the rest, with sign-up, a waiting list and check-in at the door."""

    name = "gonghui.activities"
    label = "activities"

    def ready(self) -> None:
        import gonghui.activities.exports  # noqa: F401  (registers the sign-up list's export)
