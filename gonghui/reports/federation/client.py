"""Sending one signed message to another deployment and reading its answer (both directions)."""

import json
import urllib.error
import urllib.request
from typing import Any

from gonghui.reports.federation import signing

TIMEOUT_SECONDS = 60
# A question whose answer a cadre waits for on the page (B asking A for a worker, passing on the
# worker's code): the other side's answer is the step's outcome, so it is asked at once, briefly.
# Every other word travels in a queued task (delivery.py) with the full timeout.
ASK_TIMEOUT = 15


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = TIMEOUT_SECONDS) -> tuple[int, str]:
    # The URL is GONGHUI_UPPER_URL (checked at start-up) or a registered deployment's address.
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(20_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(20_000).decode("utf-8", "replace")


def post_signed(base_url: str, path: str, data: Any, timeout: float = TIMEOUT_SECONDS) -> tuple[int, dict[str, Any]]:
    """POST `data` as canonical JSON, signed by this deployment; the answer's JSON ({} if none).
    Raises OSError when the other side cannot be reached."""
    body = signing.canonical_json(data)
    status, text = post(base_url.rstrip("/") + path, body, signing.sign(method="POST", path=path, body=body),
                        timeout=timeout)
    try:
        answer = json.loads(text)
    except ValueError:
        answer = {}
    return status, answer if isinstance(answer, dict) else {}
