from gonghui.positions.models.positions import (
    PositionEvent,
    PositionKind,
    PositionService,
    ServicePosition,
)
from gonghui.positions.models.records import (
    PositionDayException,
    PositionHours,
    PositionInspection,
    PositionPhoto,
    PositionVisit,
)

__all__ = ["PositionDayException", "PositionEvent", "PositionHours", "PositionInspection", "PositionKind",
           "PositionPhoto", "PositionService", "PositionVisit", "ServicePosition"]
