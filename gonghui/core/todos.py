"""The 待办 line a domain offers the console's home page: what waits for this user, and where to do it.

Each domain app has its own to-do selector (`<domain>_todos(*, user) -> list[Todo]`), counting only
what the user may act on now; the console assembles them. The link is a route name with query
parameters, resolved by the interface, so a domain app never imports the web layer.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"  # past a deadline, or someone is waiting on a clock


@dataclass(frozen=True)
class Todo:
    key: str  # stable, "<domain>.<what>": tests and the page's data-testid use it
    label: Any  # translatable text
    count: int
    route: str  # a URL name, e.g. "web:case_queue"; also the menu entry whose badge counts it
    params: tuple[tuple[str, str], ...] = ()
    urgency: Urgency = Urgency.NORMAL
    args: tuple[Any, ...] = ()  # positional URL arguments, for a route that names one object

    @property
    def urgent(self) -> bool:
        return self.urgency == Urgency.URGENT


def todo(key: str, label: Any, count: int, route: str, urgent: bool = False, **params: str) -> Todo:
    return Todo(key=key, label=label, count=count, route=route, params=tuple(params.items()),
                urgency=Urgency.URGENT if urgent else Urgency.NORMAL)
