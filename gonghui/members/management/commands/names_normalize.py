from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonghui.members.services.names import names_renormalize
from gonghui.orgs.scope import SystemActor


class Command(BaseCommand):
    help = ("Count the stored names (members, unions, employers, cadres) that differ from their normal form "
            "(invisible characters, full-width letters, spaces, middle-dot look-alikes); --apply rewrites them "
            "with their pinyin initials and audits the change.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = names_renormalize(actor=SystemActor("names_normalize"), apply=options["apply"])
        verb = "rewritten" if options["apply"] else "to rewrite (run with --apply)"
        for kind, n in counts.items():
            self.stdout.write(f"{kind}: {n} {verb}")
