from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.audit_checkpoints import CheckpointError, audit_checkpoint


class Command(BaseCommand):
    help = ("Sign the audit chain's head (entry count, hash, time) and append it to the checkpoint sinks "
            "outside the database. The `periodic` timer does this every GONGHUI_AUDIT_CHECKPOINT_MINUTES.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoint()
        except CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Audit checkpoint written: {checkpoint.seq} entries, head {checkpoint.hash[:16]}…")
