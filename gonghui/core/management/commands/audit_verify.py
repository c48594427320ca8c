from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.core.audit_verification import Report, audit_verify


class Command(BaseCommand):
    help = ("Check the audit log: every entry's keyed hash and link, the head, and every signed checkpoint "
            "(that the entries it recorded are still there, unchanged, and that the newest is recent). "
            "Exits non-zero naming the first altered or missing entry.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--checkpoints", metavar="FILE",
                            help="checkpoint lines to compare with (default GONGHUI_AUDIT_CHECKPOINT_FILE; "
                                 "a syslog extract works too)")
        parser.add_argument("--max-age", type=int, metavar="MINUTES",
                            help="oldest the newest checkpoint may be (default "
                                 "GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES)")
        parser.add_argument("--chain-only", action="store_true",
                            help="check the chain and the head only, without the checkpoints (weaker: "
                                 "says so in the output)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["max_age"] is not None and options["max_age"] < 1:
            raise CommandError("--max-age must be at least 1 minute.")
        report = audit_verify(checkpoint_file=options["checkpoints"], chain_only=options["chain_only"],
                              max_age=timedelta(minutes=options["max_age"]) if options["max_age"] else None)
        self._summary(report, options["chain_only"])
        if report.ok:
            self.stdout.write("Audit chain intact." if not options["chain_only"] else
                              "Audit chain intact (checkpoints not checked).")
            return
        for problem in report.chain.problems + report.problems:
            self.stderr.write(f"- {problem.message}")
        hidden = report.chain.problem_count - len(report.chain.problems)
        if hidden:
            self.stderr.write(f"- … and {hidden} more entries.")
        first = report.first
        assert first is not None
        if first.entry_id is not None:
            raise CommandError(f"Audit chain broken at entry {first.entry_id}.")
        raise CommandError(f"Audit log check failed: {first.message}")

    def _summary(self, report: Report, chain_only: bool) -> None:
        chain = report.chain
        keyed = ", ".join(f"{n} with key {kid}" for kid, n in chain.keyed.items()) or "none keyed"
        unkeyed = f", {chain.unkeyed} unkeyed from before the key" if chain.unkeyed else ""
        self.stdout.write(f"Entries: {chain.entries} ({keyed}{unkeyed}); newest #{chain.last_seq}.")
        if chain.cut_seq:
            self.stdout.write(f"Retention cut: entries up to #{chain.cut_seq} are past their period; "
                              "the chain is checked from there.")
        if chain_only:
            return
        newest = report.newest
        self.stdout.write(f"Checkpoints: {report.checkpoints} valid in {report.checkpoint_file or '(none)'}"
                          + (f"; newest {newest.at}, recording #{newest.seq}." if newest else "."))
