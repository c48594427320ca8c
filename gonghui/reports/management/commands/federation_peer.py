"""Register the deployments whose signed messages this one accepts (a lower province sending its
figures): add (or replace the key of) one, deactivate or reactivate one, list them."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.orgs.scope import SystemActor
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.services import peer_register, peer_set_active


class Command(BaseCommand):
    help = "Register, deactivate or list the deployments whose signed figures this deployment accepts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="register a deployment or replace its public key")
        add.add_argument("code", help="its six-digit code, e.g. 510000")
        add.add_argument("name", help="its name, e.g. 四川省总工会")
        add.add_argument("public_key", help="the public key its federation_keygen printed (base64 or PEM)")
        add.add_argument("--url", default="", help="its base URL, where this deployment sends it a transfer's answers")
        for name in ("deactivate", "activate"):
            sub.add_parser(name).add_argument("code")
        sub.add_parser("list")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = SystemActor("federation-peer")
        try:
            if options["action"] == "add":
                peer = peer_register(actor=actor, code=options["code"], name=options["name"],
                                     public_key=options["public_key"], url=options["url"])
                self.stdout.write(f"registered {peer.code} {peer.name}")
            elif options["action"] in ("deactivate", "activate"):
                peer = peer_set_active(actor=actor, code=options["code"], active=options["action"] == "activate")
                self.stdout.write(f"{peer.code} {'active' if peer.active else 'inactive'}")
            else:
                for peer in PeerDeployment.objects.all():
                    self.stdout.write(f"{peer.code}\t{peer.name}\t{'active' if peer.active else 'inactive'}\t"
                                      f"{peer.url or '-'}\t{peer.public_key}")
        except DomainError as exc:
            raise CommandError(str(exc)) from None
