"""The spreadsheet reader's child process: calamine reads the workbook from stdin under a memory
cap and sends its rows back in pickled chunks (core.calamine_reader). It imports nothing of Django,
so it starts fast, and whatever calamine does to it (a panic, an allocation it cannot have, an
abort) ends this process only.

    python -m gonghui.core.calamine_child <memory MB> <cpu seconds>
"""

import io
import pickle
import sys
from typing import IO, Any

CHUNK = 2000  # rows per message


def first_sheet(file: IO[bytes]) -> Any:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    book = CalamineWorkbook.from_filelike(file)
    # The first visible worksheet: our template keeps its choice lists on a hidden sheet.
    names = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible
             and m.typ == SheetTypeEnum.WorkSheet] or book.sheet_names
    return book.get_sheet_by_name(names[0])


def _cap(memory_mb: int, cpu_seconds: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if cpu_seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def main(argv: list[str]) -> int:
    _cap(int(argv[1]), int(argv[2]))
    out = sys.stdout.buffer

    def send(message: Any) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        sheet = first_sheet(io.BytesIO(sys.stdin.buffer.read()))
        send(("sheet", sheet.total_height))
        chunk: list[Any] = []
        for cells in sheet.iter_rows():
            chunk.append(cells)
            if len(chunk) == CHUNK:
                send(("rows", chunk))
                chunk = []
        send(("rows", chunk))
        send(("end",))
    except MemoryError:
        send(("error", "memory"))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # calamine's PanicException derives from BaseException
        send(("error", "unreadable"))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
