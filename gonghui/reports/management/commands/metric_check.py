from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gonghui.reports.metrics.rollup import metric_drift


class Command(BaseCommand):
    help = "Compare every stored metric figure with its live value (rollup_check runs this too)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = metric_drift()
        for line in problems[:50]:
            self.stdout.write(line)
        if problems:
            raise CommandError(f"{len(problems)} stored metric figures differ from their live values; "
                               "run metric_refresh.")
        self.stdout.write("Every stored metric figure matches its live value.")
