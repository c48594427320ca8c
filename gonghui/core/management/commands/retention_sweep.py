from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonghui.core.retention import RULES
from gonghui.core.retention_sweep import MAX_BATCHES, sweep


class Command(BaseCommand):
    help = ("Apply the retention rules (gonghui.core.retention): purge or archive what is past its period, "
            "in batches, one audit entry per rule. --dry-run prints what it would do and changes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what is due; change and record nothing")
        parser.add_argument("--rule", default="", choices=[""] + [r.key for r in RULES], help="only this rule")
        parser.add_argument("--batch", type=int, default=0, help="rows per batch (default GONGHUI_RETENTION_BATCH)")
        parser.add_argument("--max-batches", type=int, default=MAX_BATCHES, help="batches per rule and run")

    def handle(self, *args: Any, **options: Any) -> None:
        dry = options["dry_run"]
        runs = sweep(dry_run=dry, only=options["rule"], batch=options["batch"] or None,
                     max_batches=max(1, options["max_batches"]))
        verb = "would" if dry else "did"
        for run in runs:
            a = run.applied
            line = (f"{run.rule.key}: {verb} {run.rule.action} {a.count} "
                    f"(older than {run.days} days, before {run.cutoff:%Y-%m-%d %H:%M})")
            if a.more:
                line += "; more remain for the next run"
            if a.note:
                line += f"; {a.note}"
            self.stdout.write(line)
