from django.apps import AppConfig


class MutualaidConfig(AppConfig):
    """职工互助保障: plans, yearly enrolment from the member registry, claims and payouts."""

    name = "gonghui.mutualaid"
    label = "mutualaid"

    def ready(self) -> None:
        import gonghui.mutualaid.exports
        import gonghui.mutualaid.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment, MutualAidPlan
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its plans, its members' enrolments and their claims along.
        register_path_copy(MutualAidPlan, "org_path")
        register_path_copy(MutualAidEnrolment, "org_path")
        register_path_copy(MutualAidClaim, "org_path")
