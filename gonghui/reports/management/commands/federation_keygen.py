"""Make this deployment's Ed25519 key pair: the private key goes to a file only this server reads
(GONGHUI_DEPLOYMENT_KEY names it), the public key is printed for the upper deployment's operator."""

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.reports.federation.signing import generate_private_key_pem


class Command(BaseCommand):
    help = "Generate this deployment's signing key pair; write the private key to --out and print the public key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="file for the private key PEM (must not exist; mode 0600)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        pem, public = generate_private_key_pem()
        try:
            # O_EXCL: an existing key is never overwritten (the upper side would stop trusting this one).
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise CommandError(f"{out} exists; move it away first if you really mean to replace the key.") from None
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from None
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(pem)
        self.stdout.write(f"private key written to {out} (set GONGHUI_DEPLOYMENT_KEY={out})")
        self.stdout.write("public key, for the upper deployment's operator (manage.py federation_peer add …):")
        self.stdout.write(public)
