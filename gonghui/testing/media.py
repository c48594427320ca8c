"""A media disk that fills up: the `full_media` fixture (conftest.py) swaps the local storage's write
for one that, after `after` good writes, leaves a few bytes of the file behind (as a disk filling
mid-write does) and raises OSError(ENOSPC)."""

import errno
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage


class FullDisk:
    def __init__(self, root: Path, *, after: int = 0, error: int = errno.ENOSPC):
        self.root, self.after, self.error, self.writes = root, after, error, 0
        self._save = FileSystemStorage._save  # type: ignore[attr-defined]

    def save(self, storage: FileSystemStorage, name: str, content: Any) -> str:
        if self.writes < self.after:
            self.writes += 1
            return self._save(storage, name, content)
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
        raise OSError(self.error, "No space left on device" if self.error == errno.ENOSPC else "I/O error")

    def files(self) -> list[Path]:
        """Every file in media storage now (an empty disk has none)."""
        return sorted(p for p in self.root.rglob("*") if p.is_file()) if self.root.exists() else []
