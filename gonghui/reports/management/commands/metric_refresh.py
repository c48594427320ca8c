from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonghui.orgs.scope import SystemActor
from gonghui.reports.metrics.rollup import refresh_metric_figures


class Command(BaseCommand):
    help = ("Recompute the stored metric figures (every union above grassroots level; this and last year, "
            "statistical year, this quarter and month). The periodic timer runs the same.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("metrics", nargs="*", help="only these metrics (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        n = refresh_metric_figures(actor=SystemActor("metric_refresh"), names=options["metrics"] or None)
        self.stdout.write(f"{n} stored figures written.")
