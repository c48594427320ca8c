"""Score every employer for the risk radar now (the periodic job does it when the last run is old)."""

from typing import Any

from django.core.management.base import BaseCommand

from gonghui.orgs.scope import SystemActor
from gonghui.reports.risk.services import risk_refresh


class Command(BaseCommand):
    help = "Refresh the employer risk radar's scores and raise alerts for employers that crossed the threshold."

    def handle(self, *args: Any, **options: Any) -> None:
        result = risk_refresh(actor=SystemActor("risk-refresh"))
        self.stdout.write(f"risk_refresh: {result.employers} employers, {result.alerts} alerts")
