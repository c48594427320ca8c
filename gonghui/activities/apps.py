from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    """工会活动: 文体, 培训, 疗休养, 健步走 and the rest, with sign-up, a waiting list and check-in at the door."""

    name = "gonghui.activities"
    label = "activities"

    def ready(self) -> None:
        import gonghui.activities.exports
        import gonghui.activities.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.activities.models import Activity, SignUp
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its activities and their sign-ups along, and an activity open to a
        # moved subtree stays open to it.
        register_path_copy(Activity, "org_path")
        register_path_copy(Activity, "audience_path")
        register_path_copy(SignUp, "org_path")
        register_periodic("activity_close_due", "gonghui.activities.tasks.activity_close_due_task")
