from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.members.models import PartnerPurpose
from gonghui.members.services.partners import partner_create
from gonghui.orgs.scope import Scope, SystemActor
from gonghui.orgs.selectors import tree_roots, union_get


class Command(BaseCommand):
    help = "Register a verification partner and print its key, once: it is stored only as a hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--union", type=int, help="id of the province (root) union; default: the tree's root")
        parser.add_argument("--purpose", action="append", choices=PartnerPurpose.values, required=True,
                            help="what the key may be used for (repeat for several): "
                                 "verify (member verification), redeem (vouchers), jobs (job postings)")
        parser.add_argument("--per-minute", type=int, default=60)
        parser.add_argument("--daily-quota", type=int, default=10_000)

    def handle(self, *args: Any, **opts: Any) -> None:
        everything = Scope.all()
        if opts["union"]:
            try:
                union = union_get(scope=everything, pk=opts["union"])
            except DomainError:
                raise CommandError(f"No union with id {opts['union']}.") from None
        else:
            roots = list(tree_roots(scope=everything)[:2])
            if len(roots) != 1:
                raise CommandError("The org tree has no single root: pass --union.")
            union = roots[0]
        try:
            partner, key = partner_create(actor=SystemActor("partner_create"), union=union, name=opts["name"],
                                          purposes=opts["purpose"],
                                          per_minute=opts["per_minute"], daily_quota=opts["daily_quota"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        purposes = ", ".join(p.value for p in partner.purposes)
        self.stdout.write(f"Partner {partner.name} (id {partner.pk}) at {union.name}, for: {purposes}.")
        self.stdout.write("Key (shown once; send it in the X-Partner-Key header):")
        self.stdout.write(key)
