from argparse import ArgumentTypeError
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.retention import MAXIMUM_BATCH, RULES
from gonghui.core.retention_sweep import MAX_BATCHES, MAXIMUM_BATCHES, sweep


def whole_number_up_to(maximum: int) -> Callable[[str], int]:
    """A batch of -1 rows would slice from the end and 0 would loop on nothing; a huge one would hold a
    lock over millions of rows: only 1..maximum make sense."""

    def parse(raw: str) -> int:
        try:
            value = int(raw.strip())
        except ValueError:
            value = 0
        if not 1 <= value <= maximum:
            raise ArgumentTypeError(f"must be a positive whole number up to {maximum}, not {raw!r}")
        return value

    return parse


class Command(BaseCommand):
    help = ("Apply the retention rules (gonghui.core.retention): purge or archive what is past its period, "
            "in batches, one audit entry per rule. --dry-run prints what it would do and changes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what is due; change and record nothing")
        parser.add_argument("--rule", default="", choices=[""] + [r.key for r in RULES], help="only this rule")
        parser.add_argument("--batch", type=whole_number_up_to(MAXIMUM_BATCH), default=None,
                            help="rows per batch (default GONGHUI_RETENTION_BATCH)")
        parser.add_argument("--max-batches", type=whole_number_up_to(MAXIMUM_BATCHES), default=MAX_BATCHES,
                            help="batches per rule and run")

    def handle(self, *args: Any, **options: Any) -> None:
        dry = options["dry_run"]
        runs = sweep(dry_run=dry, only=options["rule"], batch=options["batch"], max_batches=options["max_batches"])
        verb = "would" if dry else "did"
        for run in runs:
            a = run.applied
            line = (f"{run.rule.key}: {verb} {run.rule.action} {a.count} "
                    f"(older than {run.days} days, before {run.cutoff:%Y-%m-%d %H:%M})")
            if a.more:
                line += "; more remain for the next run"
            if a.note:
                line += f"; {a.note}"
            (self.stderr if run.failed else self.stdout).write(line)
        failed = [run.rule.key for run in runs if run.failed]
        if failed:
            # The exit status is what the timer and the operator's monitoring see.
            raise CommandError(f"{len(failed)} rule(s) failed: {', '.join(failed)}; the others ran (see the log).")
