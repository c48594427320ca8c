from typing import Any

from django.core.management.base import BaseCommand

from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services.regions import regions_load


class Command(BaseCommand):
    help = "Load or refresh the GB/T 2260 administrative divisions shipped in gonghui/orgs/data."

    def handle(self, *args: Any, **options: Any) -> None:
        n = regions_load(actor=SystemActor("regions_load"))
        self.stdout.write(f"{n} regions loaded.")
