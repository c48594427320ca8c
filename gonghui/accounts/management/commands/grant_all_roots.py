from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.accounts.models import Grant, User
from gonghui.accounts.roles import ROLES, RoleCode
from gonghui.accounts.services import grant_create
from gonghui.core.errors import DomainError
from gonghui.orgs.choices import UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor


class Command(BaseCommand):
    help = ("Grant an existing account a role on every root union it does not hold it on yet (a deployment "
            "with several roots: its security administrator then grants on any root from the console).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", default=RoleCode.SECADMIN.value, choices=sorted(ROLES))

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.select_related("org").filter(username=opts["username"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active account named {opts['username']!r}.")
        role = opts["role"]
        held = set(Grant.objects.active().filter(user=user, role=role).values_list("org_id", flat=True))
        roots = list(TradeUnion.objects.filter(parent__isnull=True, status=UnionStatus.ACTIVE)
                     .exclude(pk__in=held).order_by("path"))
        actor = SystemActor("grant_all_roots")
        for root in roots:
            try:
                grant_create(actor=actor, user=user, role=role, org=root)
            except DomainError as exc:
                raise CommandError(f"{root.name}: {exc.message}") from None
            self.stdout.write(f"Granted {role} on {root.name} to {user.username}.")
        if not roots:
            self.stdout.write(f"{user.username} already holds {role} on every root union.")
