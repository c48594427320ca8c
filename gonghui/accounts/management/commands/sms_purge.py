from typing import Any

from django.core.management.base import BaseCommand

from gonghui.accounts.sms import sms_purge


class Command(BaseCommand):
    help = "Delete SMS codes older than two days (run daily; the audit log keeps the record of each send)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {sms_purge()} old SMS codes.")
