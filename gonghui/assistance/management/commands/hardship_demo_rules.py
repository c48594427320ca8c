from typing import Any

from django.core.management.base import BaseCommand

from gonghui.assistance.demo import seed_demo_rules
from gonghui.orgs.scope import SystemActor


class Command(BaseCommand):
    help = "Add the demo assessment rules (illustrative Sichuan lines, marked as demo data) where none exist."

    def handle(self, *args: Any, **opts: Any) -> None:
        added = seed_demo_rules(actor=SystemActor("demo"))
        self.stdout.write(f"Demo assessment rules added: {added}.")
