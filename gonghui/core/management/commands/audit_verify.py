from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.audit import audit_verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exits non-zero at the first altered or missing entry."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = audit_verify_chain()
        if broken is not None:
            raise CommandError(f"Audit chain broken at entry {broken}.")
        self.stdout.write("Audit chain intact.")
