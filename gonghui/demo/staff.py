"""Who takes each step of the demo's history, so its timelines name people as real ones do.

A step is taken by a cadre of the union that acts (the county's 经办 builds a batch and its head
approves it, the grassroots union's cadre surveys a household), the 12351 agent takes the calls, a
worker submits on the portal as themselves, and only the sweeps run as the system. The demo logins
act for their own unions; every other acting union gets one named cadre (two at a union where one
person may not both prepare and approve), made when it first acts. Those accounts have no password
(a reset would open one): they exist to be named, not to sign in.
"""

from faker import Faker

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import grant_create, user_create
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor

SYSTEM = SystemActor("demo")
# The demo logins that act for their union (demo.cadres.demo_personas), by the role they act in.
PERSONA_ROLES = {RoleCode.UNION_ADMIN: ("province", "city", "county", "grassroots", "county2")}


class DemoStaff:
    def __init__(self, seed: int = 2026):
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed + 7)
        self._people: dict[tuple[int, str], User] = {}
        for role, usernames in PERSONA_ROLES.items():
            for user in User.objects.filter(username__in=usernames).select_related("org"):
                self._people.setdefault((user.org_id, role), user)  # type: ignore[arg-type]
        agent = User.objects.filter(username="hotline").select_related("org").first()
        self._agent = agent

    def head(self, union: TradeUnion) -> User:
        """The union's cadre who decides: reviews, approves, accepts and handles its cases."""
        return self._person(union, RoleCode.UNION_ADMIN)

    def clerk(self, union: TradeUnion) -> User:
        """The union's 经办: prepares what its head approves."""
        return self._person(union, RoleCode.CLERK)

    def reviewer(self, union: TradeUnion) -> User:
        """The union's 审核, where the file's holder and its approver are the same union."""
        return self._person(union, RoleCode.REVIEWER)

    def agent(self, province: TradeUnion) -> User:
        """The 12351 agent at the provincial centre (the `hotline` login)."""
        if self._agent is None:
            self._agent = self._person(province, RoleCode.HOTLINE_AGENT)
        return self._agent

    def _person(self, union: TradeUnion, role: str) -> User:
        key = (union.pk, role)
        if key not in self._people:
            user = user_create(actor=SYSTEM, username=f"{role}-{union.pk}", full_name=self.name(), org=union,
                               password=None)
            grant_create(actor=SYSTEM, user=user, role=role, org=union)
            self._people[key] = user
        return self._people[key]

    def name(self) -> str:
        """A two- or three-character Chinese name (Faker's zh_CN names are the common ones)."""
        while True:
            candidate = self.fake.name()
            if 2 <= len(candidate) <= 3:
                return candidate
