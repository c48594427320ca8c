from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "gonghui.members"
    label = "members"

    def ready(self) -> None:
        from gonghui.members.models import Member, Membership, RosterImport
        from gonghui.members.selectors import live_members_by_path
        from gonghui.orgs.paths import register_path_copy
        from gonghui.orgs.rollup import register_counter

        register_path_copy(Member, "org_path")
        register_path_copy(Membership, "org_path")
        register_path_copy(RosterImport, "org_path")
        register_counter("subtree_members", live_members_by_path)
