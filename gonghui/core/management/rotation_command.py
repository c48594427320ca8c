"""What `rotate_field_key` and `rotate_index_key` share: enqueue, run here, or show progress."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonghui.core import key_rotation
from gonghui.core.tasks import key_rotation_task


class RotationCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--status", action="store_true", help="Print the latest run's progress and stop.")
        parser.add_argument("--foreground", action="store_true",
                            help="Run in this process instead of enqueuing a task for the worker.")
        parser.add_argument("--batch-size", type=int, default=key_rotation.BATCH,
                            help="Rows per transaction (default %(default)s).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["status"]:
            self.stdout.write("\n".join(key_rotation.status_lines(self.kind)))
            return
        if options["foreground"]:
            run = key_rotation.start_or_resume(self.kind)
            key_rotation.run_rotation(run, batch_size=max(1, min(options["batch_size"], 10_000)))
        else:
            result = key_rotation_task.enqueue(self.kind, key_rotation.current_kid(self.kind))
            self.stdout.write(f"Enqueued task {result.id}; follow it with --status.")
        self.stdout.write("\n".join(key_rotation.status_lines(self.kind)))
