"""Send this deployment's figures to the upper deployment now: one period, or whatever is due."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.errors import DomainError
from gonghui.core.periods import Period
from gonghui.orgs.scope import SystemActor
from gonghui.reports.federation.services import federation_send, federation_send_due


class Command(BaseCommand):
    help = "Send every metric's figures for a period (e.g. 2026-03, 2026, SY2026) to GONGHUI_UPPER_URL."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--period", help="2026, SY2026, 2026Q1 or 2026-03")
        group.add_argument("--due", action="store_true", help="the month just ended, its year and statistical year")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = SystemActor("federation-send")
        try:
            logs = ([federation_send(actor=actor, period=Period.parse(options["period"]))] if options["period"]
                    else federation_send_due(actor=actor))
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        for log in logs:
            reason = f" {log.error}" if log.error else ""
            self.stdout.write(f"{log.period}: {log.status} ({log.figures} figures){reason}")
        if any(log.status != log.Status.SENT for log in logs):
            raise CommandError("some periods were not sent (see above and the console's 上报记录).")
