from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.members.partner_selectors import partner_get
from gonghui.members.services.partners import partner_revoke
from gonghui.orgs.scope import Scope, SystemActor


class Command(BaseCommand):
    help = "Revoke a verification partner's key, named by the prefix printed when it was created (ghp_…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key_prefix")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            partner = partner_get(scope=Scope.all(), key_prefix=opts["key_prefix"][:12])
            partner_revoke(actor=SystemActor("partner_revoke"), partner=partner)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"Revoked the key of {partner.name}.")
