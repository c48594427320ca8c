"""The first step of a fresh deployment: the root union and its three administrators (三员分立: 系统管理员,
安全管理员, 审计管理员), each with a one-time password printed here once and changed at the first sign-in.
From then on everything is done in the console: the security administrator grants roles, the system
administrator builds the tree and the accounts. It refuses on a database that already has accounts, so
it can never hand out a second set of keys to a running deployment."""

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gonghui.accounts.models import User
from gonghui.accounts.roles import RoleCode
from gonghui.accounts.services import grant_create, user_create
from gonghui.core.errors import DomainError
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import union_create_root

ADMINISTRATORS = (
    ("sysadmin", RoleCode.SYSADMIN, "系统管理员"),
    ("secadmin", RoleCode.SECADMIN, "安全管理员"),
    ("auditor", RoleCode.AUDITOR, "审计管理员"),
)
LEVELS = {"national": Level.NATIONAL, "province": Level.PROVINCE, "city": Level.CITY}


def one_time_password() -> str:
    # Letters and digits without the look-alikes (0/O, 1/l/I), read off a screen and typed once.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(16))
        if any(c.isdigit() for c in candidate) and any(c.isupper() for c in candidate) \
                and any(c.islower() for c in candidate):
            return candidate


class Command(BaseCommand):
    help = ("Create a fresh deployment's root union and its system, security and audit administrators "
            "(one-time passwords printed once). Refuses when any account exists.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--root-name", required=True, help="e.g. 某某省总工会")
        parser.add_argument("--region", required=True, help="the root's division code (GB/T 2260), e.g. 440000")
        parser.add_argument("--level", default="province", choices=sorted(LEVELS))
        parser.add_argument("--credit-code", default="", help="统一社会信用代码 of the root union, if known")
        for username, _role, label in ADMINISTRATORS:
            parser.add_argument(f"--{username}", default=username, metavar="USERNAME",
                                help=f"username of the {label} ({username} by default)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if User.objects.exists():
            raise CommandError("This database already has accounts: deployment_init only starts an empty one. "
                               "Grant roles from the console (账号与授权), or use grant_all_roots.")
        if TradeUnion.objects.filter(parent__isnull=True).exists():
            raise CommandError("This database already has a root union but no account: restore it from its "
                               "backup rather than starting it again.")
        actor = SystemActor("deployment_init")
        fields: dict[str, Any] = {"region": opts["region"]}
        if opts["credit_code"]:
            fields["credit_code"] = opts["credit_code"]
        issued: list[tuple[str, str, str]] = []
        try:
            with transaction.atomic():  # all of it or nothing: never a root without its administrators
                root = union_create_root(actor=actor, name=opts["root_name"], kind=UnionKind.FEDERATION,
                                         level=LEVELS[opts["level"]], **fields)
                for option, role, label in ADMINISTRATORS:
                    password = one_time_password()
                    user = user_create(actor=actor, username=opts[option], full_name=label, org=root,
                                       password=password)
                    grant_create(actor=actor, user=user, role=role, org=root)
                    issued.append((label, user.username, password))
        except DomainError as exc:
            field = f" ({exc.field})" if getattr(exc, "field", None) else ""
            raise CommandError(f"{exc.message}{field}") from None
        self.stdout.write(f"Root union: {root.name} ({root.get_level_display()}, {opts['region']}).")
        self.stdout.write("One-time passwords, shown only now; each is changed at the first sign-in:")
        for label, username, password in issued:
            self.stdout.write(f"  {label}  {username}  {password}")
