"""What the 就业服务 endpoints take and give. The jobs services check every value again and name the
field they refuse. Every component is named Job…, so none overwrites another domain's in the document."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from gonghui.api.common.schemas import PRINTABLE, Day, Id, Omit, SearchText, StrictInput, Version, named_choices, unset
from gonghui.jobs.choices import ApplicationStatus, FairMode, FairStatus, PostingSource, PostingStatus

JobPostingStatus = Annotated[PostingStatus, named_choices(PostingStatus, "JobPostingStatus")]
JobPostingSource = Annotated[PostingSource, named_choices(PostingSource, "JobPostingSource")]
JobFairMode = Annotated[FairMode, named_choices(FairMode, "JobFairMode")]
JobFairStatus = Annotated[FairStatus, named_choices(FairStatus, "JobFairStatus")]
JobApplicationStatus = Annotated[ApplicationStatus, named_choices(ApplicationStatus, "JobApplicationStatus")]
Adcode = Annotated[str, Field(min_length=6, max_length=9, pattern=r"^[0-9]{6}([0-9]{3})?$",
                              description="行政区划代码：区县6位或乡镇（街道）9位")]
Money = Annotated[int, Field(ge=0, le=1_000_000, description="元/月")]
Text = Annotated[str, Field(max_length=2000, pattern=PRINTABLE)]


class JobRef(Schema):
    id: int
    name: str


class JobPostingIn(StrictInput):
    title: Annotated[str, Field(min_length=1, max_length=60, pattern=PRINTABLE)]
    places: Annotated[int, Field(ge=1, le=10_000)]
    pay_min: Money
    pay_max: Money
    requirements: Text = ""
    region: Adcode
    address: Annotated[str, Field(max_length=200, pattern=PRINTABLE)] = ""
    contact_name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    contact_phone: Annotated[str, Field(min_length=1, max_length=20, pattern=PRINTABLE, description="手机号码")]
    expires_on: Day


class JobPostingCreateIn(JobPostingIn):
    employer_id: Id


class JobPostingEditIn(JobPostingIn):
    version: Version | Omit = unset()


class JobPostingOut(Schema):
    id: int
    employer: JobRef
    title: str
    places: int
    pay_min: int
    pay_max: int
    requirements: str
    region: str
    region_name: str
    address: str
    contact_name: str
    contact_phone_masked: str
    source: JobPostingSource
    status: JobPostingStatus
    status_label: str
    expires_on: datetime.date
    review_note: str
    version: int


class JobPostingFilters(Schema):
    status: JobPostingStatus | Omit = unset()
    region: Annotated[str, Field(max_length=9, pattern=r"^[0-9]*$")] = ""
    pay_at_least: Money | Omit = unset()
    q: SearchText = ""


class JobReviewIn(StrictInput):
    approve: bool
    note: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] = ""
    version: Version | Omit = unset()


class JobNoteIn(StrictInput):
    note: Annotated[str, Field(max_length=500, pattern=PRINTABLE)] = ""


class JobRecommendIn(StrictInput):
    id_number: Annotated[str, Field(min_length=1, max_length=40, pattern=PRINTABLE, description="会员身份证号码")]


class JobDecideIn(StrictInput):
    intent: bool = Field(description="true：达成就业意向；false：未达成")


class JobApplicantOut(Schema):
    """A cadre's view: until the worker consents only a masked name."""

    id: int
    name: str
    phone_masked: str
    skills: str
    experience: str
    expected_pay: int | None
    desired_region: str
    status: JobApplicationStatus
    consented: bool
    consent_at: datetime.datetime | None
    priority: bool
    recommended: bool


class JobEmployerApplicantOut(Schema):
    """What an employer receives: consented applications only; priority without its reason."""

    application_id: int
    posting_id: int
    name: str
    phone: str
    skills: str
    experience: str
    expected_pay: int | None
    desired_region: str
    priority: bool
    status: JobApplicationStatus
    consent_at: datetime.datetime


class JobFairIn(StrictInput):
    union_id: Id
    title: Annotated[str, Field(min_length=1, max_length=100, pattern=PRINTABLE)]
    mode: JobFairMode
    held_on: Day
    region: Adcode | Omit = unset()
    place: Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]


class JobFairOut(Schema):
    id: int
    union: JobRef
    title: str
    mode: JobFairMode
    held_on: datetime.date
    region: str | None
    place: str
    status: JobFairStatus
    visitors: int
    intentions: int
    employers: list[JobRef]
    posting_ids: list[int]
    places: int


class JobFairFilters(Schema):
    mode: JobFairMode | Omit = unset()
    status: JobFairStatus | Omit = unset()
    year: Annotated[int, Field(ge=2000, le=2100)] | Omit = unset()


class JobFairEmployerIn(StrictInput):
    employer_id: Id
    booth: Annotated[str, Field(max_length=20, pattern=PRINTABLE)] = ""


class JobFairPostingIn(StrictInput):
    posting_id: Id


class JobFairResultIn(StrictInput):
    visitors: Annotated[int, Field(ge=0, le=1_000_000)]
    intentions: Annotated[int, Field(ge=0, le=1_000_000)]


class JobFigureFilters(Schema):
    union_id: Id | Omit = unset()
    start: Day
    end: Day


class JobFigureRow(Schema):
    union: JobRef
    fairs: int = Field(description="场次")
    employers: int = Field(description="进场企业（家次）")
    places: int = Field(description="提供岗位（招聘人数之和）")
    visitors: int
    intentions: int = Field(description="达成就业意向")


class JobFiguresOut(Schema):
    union: JobRef
    start: datetime.date
    end: datetime.date
    rows: list[JobFigureRow]
    total: JobFigureRow


class JobPartnerPostingIn(JobPostingIn):
    employer_id: Id
