from typing import Any

from django.core.management.base import BaseCommand

from gonghui.core.periodic import periodic_jobs


class Command(BaseCommand):
    help = "Queue every periodic job (transfer release, case sweep, ...): run from a timer every 5 minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, enqueue in sorted(periodic_jobs().items()):
            result = enqueue()
            self.stdout.write(f"{name}: queued {getattr(result, 'id', '')}")
