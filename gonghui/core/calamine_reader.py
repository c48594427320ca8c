"""Reading .xlsx, .xls and .ods with calamine so that no file can take the reading process down.

By default the reading happens in a child process (core.calamine_child) with a memory cap
(GONGHUI_TABLE_READER_MEMORY_MB) and a CPU-time cap: what the cheap checks of core.table_limits
cannot see (a sheet whose few cells lie a million rows and 16,384 columns apart, a zip header that
lies about its size) makes calamine ask for hundreds of gigabytes and abort, and only a process of
its own can abort without the web or worker process. The rows come back in chunks, so the parent
holds one chunk, not the sheet. With the setting at 0 calamine runs in-process (platforms without
resource limits); every exception it raises, PanicException included, is still an UnreadableFile.
"""

import datetime
import pickle
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import msg
from gonghui.core.table_limits import TableTooLarge, UnreadableFile

ROOT = Path(__file__).resolve().parents[2]
_SAFE = {("datetime", n) for n in ("date", "datetime", "time", "timedelta", "timezone")}


def _unreadable() -> UnreadableFile:
    return UnreadableFile(_("无法读取该表格文件（文件可能已损坏或设置了密码）。"))


def _too_big() -> TableTooLarge:
    return TableTooLarge(msg(_("读取该表格需要超过 %(n)d MB 内存（表格的实际范围过大），已停止读取。"
                               "请删除多余的行列或分成几个文件上传。"), {"n": settings.GONGHUI_TABLE_READER_MEMORY_MB}))


class _Rows(pickle.Unpickler):
    """Only cells come back: strings, numbers, booleans and the datetime types."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


class Sheet:
    def __init__(self, height: int, rows: Iterator[list[Any]]):
        self.total_height = height
        self.rows = rows


def read_with_calamine(file: IO[bytes]) -> Sheet:
    """The first visible worksheet of the workbook in `file` (at its start)."""
    if settings.GONGHUI_TABLE_READER_MEMORY_MB == 0:
        return _in_process(file)
    return _in_child(file)


def _in_process(file: IO[bytes]) -> Sheet:
    from gonghui.core.calamine_child import first_sheet

    try:
        sheet = first_sheet(file)
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise _too_big() from None
    except BaseException as exc:  # calamine's PanicException derives from BaseException
        raise _unreadable() from exc

    def rows() -> Iterator[list[Any]]:
        try:
            yield from sheet.iter_rows()
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:
            raise _unreadable() from exc

    return Sheet(sheet.total_height, rows())


def _in_child(file: IO[bytes]) -> Sheet:
    command = [sys.executable, "-m", "gonghui.core.calamine_child", str(settings.GONGHUI_TABLE_READER_MEMORY_MB),
               str(settings.GONGHUI_TABLE_READER_SECONDS)]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603
                             stderr=subprocess.DEVNULL, cwd=ROOT)
    assert child.stdin is not None and child.stdout is not None
    try:
        while block := file.read(1 << 20):
            child.stdin.write(block)
        child.stdin.close()
    except BrokenPipeError:
        pass  # it died reading; what it left says why
    stream = child.stdout

    def receive() -> Any:
        try:
            message = _Rows(stream).load()  # one unpickler a message: its memo must not carry over
        except (EOFError, pickle.UnpicklingError, ValueError, AttributeError) as exc:
            _stop(child, dying=True)
            dead = child.returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGXCPU)
            raise (_too_big() if dead else _unreadable()) from exc
        if message[0] == "error":
            _stop(child)
            raise _too_big() if message[1] == "memory" else _unreadable()
        return message

    first = receive()

    def rows() -> Iterator[list[Any]]:
        try:
            while (message := receive())[0] == "rows":
                yield from message[1]
        finally:
            _stop(child)  # also when the caller stops early: the child must not wait on a full pipe

    return Sheet(first[1], rows())


def _stop(child: subprocess.Popen[bytes], dying: bool = False) -> None:
    try:
        # A child whose output ended is on its way out: its exit status says why.
        child.wait(timeout=10 if dying else 0)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    if child.stdout:
        child.stdout.close()
