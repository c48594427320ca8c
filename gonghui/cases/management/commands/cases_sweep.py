from typing import Any

from django.core.management.base import BaseCommand

from gonghui.cases.tasks import case_sweep_overdue_task
from gonghui.core.queue import enqueue


class Command(BaseCommand):
    help = "Flag overdue cases and escalate those overdue too long (run from a timer every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = enqueue(case_sweep_overdue_task)
        self.stdout.write(f"case sweep queued: {result.id}" if result else "case sweep kept until the queue answers")
