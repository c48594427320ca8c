from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "gonghui.members"
    label = "members"

    def ready(self) -> None:
        # Importing them registers this domain's list exports and metrics.
        from gonghui.members import exports, metrics  # noqa: F401
        from gonghui.members.models import (
            JoinApplication,
            Member,
            Membership,
            PersonalDataRequest,
            RosterImport,
            Transfer,
        )
        from gonghui.members.selectors import live_members_by_path
        from gonghui.orgs.paths import register_path_copy
        from gonghui.orgs.rollup import register_counter

        register_path_copy(Member, "org_path")
        register_path_copy(Membership, "org_path")
        register_path_copy(RosterImport, "org_path")
        register_path_copy(JoinApplication, "org_path")
        # A request is decided by the member's union: it follows the union when the union moves.
        register_path_copy(PersonalDataRequest, "org_path")
        register_path_copy(Transfer, "from_path")
        register_path_copy(Transfer, "to_path")
        register_counter("subtree_members", live_members_by_path)

        from gonghui.core.periodic import register_periodic

        register_periodic("transfer_release_due", "gonghui.members.tasks.transfer_release_due_task")
        register_periodic("roster_recover_stalled", "gonghui.members.tasks.roster_recover_stalled_task")
