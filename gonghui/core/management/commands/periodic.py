from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.audit_checkpoints import CheckpointError, audit_checkpoint, audit_checkpoint_due
from gonghui.core.periodic import periodic_jobs
from gonghui.core.queue import flush_pending


class Command(BaseCommand):
    help = ("Queue every periodic job (transfer release, case sweep, ...) and write the audit checkpoint "
            "when due: run from a timer every 5 minutes.")

    def handle(self, *args: Any, **options: Any) -> None:
        queued, kept = flush_pending()
        if queued or kept:
            self.stdout.write(f"pending: {queued} queued, {kept} still waiting for the queue")
        for name, enqueue in sorted(periodic_jobs().items()):
            result = enqueue()
            self.stdout.write(f"{name}: queued {result.id}" if result else f"{name}: kept until the queue answers")
        # Here rather than as a queued task: the checkpoint is signed by the timer's process, which
        # holds the signing key and the sink, and a stalled queue must not delay it.
        if not audit_checkpoint_due():
            self.stdout.write("audit_checkpoint: not due")
            return
        try:
            checkpoint = audit_checkpoint()
        except CheckpointError as exc:
            raise CommandError(f"audit_checkpoint: {exc}") from exc
        self.stdout.write(f"audit_checkpoint: {checkpoint.seq} entries")
