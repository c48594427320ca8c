"""Making the next item while the caller writes this one.

A bulk writer alternates between Python work (reading, sealing, formatting a batch) and waiting on
the database (writing it). `ahead(items)` runs the iterator in a second thread, at most `depth`
items in front: the database call releases the GIL while it waits, so the next batch is made
meanwhile, on the other core, instead of before or after.

The producing iterator must not touch the database: Django's connections are per thread, and a
second connection would be outside the caller's transaction. An exception it raises is raised to
the consumer, at the item where it happened; a consumer that stops early (an error of its own)
stops the producer before it makes another item.
"""

import queue
import threading
from collections.abc import Generator, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
_DONE = object()


def ahead(items: Iterable[T], depth: int = 1) -> Generator[T, None, None]:
    out: queue.Queue[tuple[Any, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(kind: Any, value: Any) -> bool:
        while not stop.is_set():
            try:
                out.put((kind, value), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        source = iter(items)
        try:
            for item in source:
                if not put(None, item):
                    return
            put(_DONE, None)
        except BaseException as exc:
            put(exc, None)
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()  # a generator's open files are closed in the thread that used them

    thread = threading.Thread(target=produce, name="ahead", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = out.get()
            if kind is None:
                yield value
            elif kind is _DONE:
                return
            else:
                raise kind
    finally:
        stop.set()
        thread.join()
