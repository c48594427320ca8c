from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core import key_rotation
from gonghui.core.crypto import current_field_kid, current_index_kid


class Command(BaseCommand):
    help = ("Count the values still under an old key, column by column: when none are left, the old key "
            "can be removed. Exits with an error while some remain.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--index", action="store_true",
                            help="Also recompute every blind index to find rows under an old index key "
                                 "(reads every row).")

    def handle(self, *args: Any, **options: Any) -> None:
        left = 0
        for table, column, counts in key_rotation.field_key_report():
            shown = ", ".join(f"{kid}: {n}" for kid, n in sorted(counts.items()))
            self.stdout.write(f"{table}.{column}: {shown}")
            left += sum(counts.values())
        self.stdout.write(f"Field key {current_field_kid()!r}: {left} value(s) under another key.")
        if options["index"]:
            stale = 0
            for table, column, n in key_rotation.index_key_report():
                self.stdout.write(f"{table}.{column}: {n} not under the current index key")
                stale += n
            self.stdout.write(f"Index key {current_index_kid()!r}: {stale} row(s) to recompute.")
            left += stale
        if left:
            raise CommandError("Old keys are still in use: keep them configured and run the rotation.")
