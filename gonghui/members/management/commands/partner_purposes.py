from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.members.models import PartnerPurpose
from gonghui.members.partner_selectors import partner_get
from gonghui.members.services.partners import partner_set_purposes
from gonghui.orgs.scope import Scope, SystemActor


class Command(BaseCommand):
    help = ("Show a partner's purposes, or set them: the key, named by its prefix (ghp_…), is refused "
            "for any other use.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key_prefix")
        parser.add_argument("--purpose", action="append", choices=PartnerPurpose.values,
                            help="the purposes the key keeps (repeat for several); none given: show them")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            partner = partner_get(scope=Scope.all(), key_prefix=opts["key_prefix"][:12])
            if opts["purpose"]:
                partner = partner_set_purposes(actor=SystemActor("partner_purposes"), partner=partner,
                                               purposes=opts["purpose"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"{partner.name}: {', '.join(p.value for p in partner.purposes)}")
