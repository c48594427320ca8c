from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.orgs.scope import SystemActor
from gonghui.workdays.services import holidays_seed


class Command(BaseCommand):
    help = ("Load statutory holidays and 调休 workdays from chinesecalendar into the holiday table. "
            "Idempotent; entries an administrator made are left alone. Run after upgrading chinesecalendar.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", type=int, help="years to load (default: every year the library has)")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            result = holidays_seed(actor=SystemActor("workdays_seed"), years=opts["years"] or None)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        span = f"{result.years[0]}–{result.years[-1]}" if result.years else "-"
        self.stdout.write(f"Years {span}: {result.created} created, {result.updated} updated, "
                          f"{result.deleted} deleted, {result.kept_entered} entered by administrators kept.")
