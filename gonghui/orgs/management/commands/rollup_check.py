from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.orgs.rollup import rollup_drift, rollup_rebuild
from gonghui.orgs.scope import SystemActor


class Command(BaseCommand):
    help = ("Compare every union's stored subtree totals (unions, members) with the tables; "
            "--repair rewrites the wrong ones and audits the correction.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repair"]:
            n = rollup_rebuild(actor=SystemActor("rollup_check"))
            self.stdout.write(f"{n} unions corrected.")
            return
        drift = rollup_drift()
        for path, (stored, expected) in list(drift.items())[:50]:
            self.stdout.write(f"{path}: stored {stored}, expected {expected}")
        if drift:
            raise CommandError(f"{len(drift)} unions have wrong subtree totals; run with --repair.")
        self.stdout.write("Subtree totals match the tables.")
