"""What the 服务阵地 endpoints take and give. The position services check every value again (coordinates
in China and in the stated division, hours that overlap or end before they start) and name the field
they refuse. Every component is named Position…, so none overwrites another domain's in the document."""

import datetime
from enum import StrEnum
from typing import Annotated, ClassVar

from ninja import Field, Schema

from gonghui.api.common.schemas import (
    PRINTABLE,
    Day,
    Id,
    Omit,
    Patch,
    SearchText,
    StrictInput,
    Version,
    named_choices,
    unset,
)
from gonghui.positions.choices import InspectionResult, PositionStatus, RatingLevel

PStatus = Annotated[PositionStatus, named_choices(PositionStatus, "PositionStatus")]
PRating = Annotated[RatingLevel, named_choices(RatingLevel, "PositionRatingLevel")]
PResult = Annotated[InspectionResult, named_choices(InspectionResult, "PositionInspectionResult")]


class Datum(StrEnum):
    """GCJ-02 is what AMap and Tencent map pickers give; WGS-84 is GPS (a phone's geolocation)."""

    GCJ02 = "gcj02"
    WGS84 = "wgs84"


Code = Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[a-z0-9_-]+$")]
Division = Annotated[str, Field(pattern=r"^[0-9]{6}([0-9]{3})?$",
                                description="县区6位或乡镇街道9位统计用区划代码")]
Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False, description="纬度（按 datum 所说的坐标系）")]
Lng = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False, description="经度（按 datum 所说的坐标系）")]
Clock = Annotated[str, Field(min_length=1, max_length=10, pattern=PRINTABLE,
                             description="08:30；结束时间可写 24:00 或 次日06:00")]
Text30 = Annotated[str, Field(max_length=30, pattern=PRINTABLE)]
Text50 = Annotated[str, Field(max_length=50, pattern=PRINTABLE)]
Text100 = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Text200 = Annotated[str, Field(max_length=200, pattern=PRINTABLE)]
Text500 = Annotated[str, Field(max_length=500, pattern=PRINTABLE)]
Text1000 = Annotated[str, Field(max_length=1000, pattern=PRINTABLE)]
Stars = Annotated[int, Field(ge=0, le=5)]
Year = Annotated[int, Field(ge=1950, le=2100)]
Area = Annotated[int, Field(ge=1, le=1_000_000)]


class PositionFilters(Schema):
    kind: Code | Omit = None
    status: PStatus | Omit = None
    service: Code | Omit = None
    division: Division | Omit = None
    idle: bool = Field(False, description="只列开放满60天而60天内无人签到的")
    q: SearchText = ""


class PositionNearFilters(Schema):
    kind: Code = Field(description="阵地类型代码，如 station（工会驿站）")
    lat: Lat
    lng: Lng
    datum: Datum = Field(description="lat/lng 的坐标系：手机定位为 wgs84，高德、腾讯地图拾取为 gcj02；返回的坐标同此")
    limit: int = Field(10, ge=1, le=50)


class PositionRef(Schema):
    id: int
    name: str


class PositionKindOut(Schema):
    code: str
    name: str
    short_name: str
    has_rating: bool


class PositionServiceOut(Schema):
    code: str
    name: str


class PositionKindsOut(Schema):
    kinds: list[PositionKindOut]
    services: list[PositionServiceOut]


class PositionOut(Schema):
    id: int
    name: str
    kind: PositionServiceOut
    status: str
    status_label: str
    owner: PositionRef
    region: str
    region_name: str
    address: str
    place_name: str
    lat: str = Field(description="WGS-84")
    lng: str = Field(description="WGS-84")
    star_level: int
    opened_on: datetime.date
    last_visit_on: datetime.date | None
    version: int


class PositionSpanOut(Schema):
    weekday: int = Field(description="0 = 周一")
    opens: str
    closes: str


class PositionExceptionOut(Schema):
    day: datetime.date
    closed: bool
    opens: str | None
    closes: str | None
    note: str


class PositionInspectionOut(Schema):
    id: int
    year: int
    inspected_on: datetime.date
    result: str
    result_label: str
    findings: str
    rectify_by: datetime.date | None
    inspector: str


class PositionPhotoOut(Schema):
    id: int
    name: str
    caption: str
    content_type: str
    size: int


class PositionEventOut(Schema):
    action: str
    action_label: str
    old_status: str
    new_status: str
    actor: str
    note: str
    at: datetime.datetime


class PositionDetailOut(PositionOut):
    host_employer: PositionRef | None
    studio: PositionRef | None
    gcj02_lat: str
    gcj02_lng: str
    contact_name: str
    contact_phone: str
    facilities: str
    area_m2: int | None
    services: list[PositionServiceOut]
    rating_level: str
    rating_year: int | None
    open_now: bool
    hours: list[PositionSpanOut]
    exceptions: list[PositionExceptionOut] = Field(description="今天及以后的特殊日期")
    inspections: list[PositionInspectionOut]
    photos: list[PositionPhotoOut]
    checkin_url: str = Field(description="签到二维码的内容（印在阵地门口）")
    events: list[PositionEventOut]


class PositionIdleOut(PositionOut):
    days_idle: int = Field(description="距最近一次签到（无签到则距启用）的天数")


class PositionMonthOut(Schema):
    month: str = Field(description="YYYY-MM")
    visits: int


class PositionVisitsOut(Schema):
    position_id: int
    months: list[PositionMonthOut] = Field(description="服务人次，按月，最近的在前，无签到的月份为0")


class PositionNearOut(Schema):
    id: int
    name: str
    kind: PositionServiceOut
    address: str
    place_name: str
    contact_phone: str
    lat: str
    lng: str
    datum: Datum
    distance_m: int
    open_now: bool
    route_url: str = Field(description="高德地图步行导航链接（手机上打开高德App，未安装则为网页地图）")


class PositionNearListOut(Schema):
    datum: Datum
    items: list[PositionNearOut]


class PositionIn(StrictInput):
    union_id: Id = Field(description="主管工会")
    name: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
    kind: Code
    host_employer_id: Id | Omit = unset()
    studio_id: Id | Omit = unset()
    place_name: Text100 = ""
    region: Division
    address: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]
    lat: Lat
    lng: Lng
    datum: Datum = Datum.GCJ02
    contact_name: Text50 = ""
    contact_phone: Text30 = ""
    facilities: Text500 = ""
    area_m2: Area | Omit = unset()
    services: list[Code] = Field(default_factory=list, max_length=30)
    star_level: Stars = 0
    rating_level: PRating | Omit = unset()
    rating_year: Year | Omit = unset()
    opened_on: Day | Omit = unset()


class PositionPatch(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"host_employer_id", "studio_id", "area_m2", "rating_level",
                                                    "rating_year"})

    name: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)] | Omit = unset()
    kind: Code | Omit = unset()
    host_employer_id: Id | None = unset()
    studio_id: Id | None = unset()
    place_name: Text100 | Omit = unset()
    region: Division | Omit = unset()
    address: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)] | Omit = unset()
    lat: Lat | Omit = unset()
    lng: Lng | Omit = unset()
    datum: Datum | Omit = unset()
    contact_name: Text50 | Omit = unset()
    contact_phone: Text30 | Omit = unset()
    facilities: Text500 | Omit = unset()
    area_m2: Area | None = unset()
    services: Annotated[list[Code], Field(max_length=30)] | Omit = unset()
    star_level: Stars | Omit = unset()
    rating_level: PRating | None = unset()
    rating_year: Year | None = unset()
    opened_on: Day | Omit = unset()
    version: Version | Omit = unset()


class PositionStatusIn(StrictInput):
    reason: Text500 = Field("", description="暂停、关闭须说明原因")
    version: Version | Omit = unset()


class PositionSpanIn(StrictInput):
    weekday: int = Field(ge=0, le=6, description="0 = 周一")
    opens: Clock
    closes: Clock


class PositionHoursIn(StrictInput):
    spans: list[PositionSpanIn] = Field(max_length=100, description="整周替换；跨夜写 次日06:00，24小时写 00:00–24:00")
    version: Version | Omit = unset()


class PositionExceptionIn(StrictInput):
    closed: bool = True
    opens: Clock | Omit = unset()
    closes: Clock | Omit = unset()
    note: Text100 = ""


class PositionInspectionIn(StrictInput):
    year: Year
    inspected_on: Day
    result: PResult
    findings: Text1000 = ""
    rectify_by: Day | Omit = unset()
    inspector: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
