"""The login codes the development SMS backend (sms_backends.ConsoleBackend) wrote to a server's log.

For driving a running deployment from outside, as a person with the phone would (the production
smoke test, the load bench); the server never reads its own log. No Django import: the drivers run
without settings.
"""

import contextlib
import json
import re
from pathlib import Path

_CODE = re.compile(r"验证码为(\d{6})")


def last_sms_code(log: Path, since: int) -> str | None:
    """The newest code written to `log` after byte `since`, in JSON log lines or plain ones."""
    with log.open("rb") as stream:
        stream.seek(since)
        lines = stream.read().decode(errors="replace").splitlines()
    codes = []
    for line in lines:
        text = line
        with contextlib.suppress(ValueError, AttributeError):
            text = json.loads(line).get("message", "")
        codes += _CODE.findall(text)
    return codes[-1] if codes else None
