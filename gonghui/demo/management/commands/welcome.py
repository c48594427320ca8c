from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonghui.accounts.roles import RoleCode
from gonghui.demo.cadres import DEMO_PASSWORD, demo_personas
from gonghui.orgs.models import TradeUnion


class Command(BaseCommand):
    help = "Print the URL and the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **opts: Any) -> None:
        root = TradeUnion.objects.filter(parent__isnull=True).order_by("path").first()
        self.stdout.write("")
        self.stdout.write(f"  Gonghui is starting at {opts['url']}")
        if root is not None:
            self.stdout.write(f"  Demo logins, password {DEMO_PASSWORD}:")
            for username, _name, role, org in demo_personas(root):
                self.stdout.write(f"    {username:<11} {RoleCode(role).label} @ {org.name}")
            self.stdout.write("  sysadmin and secadmin bind an authenticator app (TOTP) at first login.")
            self.stdout.write(f"  Member portal: {opts['url']}portal/ (12351 维权服务 at {opts['url']}portal/cases/); "
                              "SMS codes are printed in this log.")
        self.stdout.write("")
