from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.orgs.rollup import rollup_checks, rollup_drift, rollup_rebuild
from gonghui.orgs.scope import SystemActor


class Command(BaseCommand):
    help = ("Compare every union's stored subtree totals (unions, members) and every other registered stored "
            "rollup (metric figures) with the tables; --repair rewrites the wrong subtree totals and audits it.")

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
        # The other stored rollups (registered by the apps keeping them: the reports' metric figures).
        other = {name: check() for name, check in rollup_checks().items()}
        for name, problems in other.items():
            for line in problems[:50]:
                self.stdout.write(f"{name}: {line}")
        wrong = [f"{len(problems)} {name}" for name, problems in other.items() if problems]
        if drift or wrong:
            raise CommandError("; ".join([*([f"{len(drift)} unions have wrong subtree totals (run with --repair)"]
                                            if drift else []), *[f"{w} wrong" for w in wrong]]) + ".")
        self.stdout.write("Subtree totals match the tables.")
        for name in other:
            self.stdout.write(f"{name}: every stored figure matches its live value.")
