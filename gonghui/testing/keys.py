"""An index key rotation caught half-way, for tests of look-ups by blind index: a new key is current,
the old one still configured, and every row written before keeps its index under the old key."""

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gonghui.core import crypto

NEW_INDEX_KEY = base64.b64encode(b"n" * 32).decode()


@contextmanager
def index_key_rotating(settings: Any) -> Iterator[None]:
    """Within the block, a new index key is current and the keys configured before follow it."""
    old = ",".join(f"{kid}:{base64.b64encode(key).decode()}" for kid, key in crypto._index_keys())
    before = settings.GONGHUI_INDEX_KEY
    settings.GONGHUI_INDEX_KEY = f"rotation-new:{NEW_INDEX_KEY},{old}"
    crypto._index_keys.cache_clear()
    try:
        yield
    finally:
        settings.GONGHUI_INDEX_KEY = before
        crypto._index_keys.cache_clear()
