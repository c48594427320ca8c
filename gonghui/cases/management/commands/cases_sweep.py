from typing import Any

from django.core.management.base import BaseCommand

from gonghui.cases.tasks import case_sweep_overdue_task


class Command(BaseCommand):
    help = "Flag overdue cases and escalate those overdue too long (run from a timer every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = case_sweep_overdue_task.enqueue()
        self.stdout.write(f"case sweep queued: {result.id}")
