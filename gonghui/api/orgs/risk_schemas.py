"""What the 劳动关系风险名单 endpoints take and give."""

from ninja import Schema

from gonghui.api.common.schemas import Day, SearchText, StrictInput, Text500
from gonghui.orgs.choices import RiskReason
from gonghui.orgs.models import EmployerRiskListing


class RiskEmployerRef(Schema):
    id: int
    name: str
    credit_code: str


class RiskListingOut(Schema):
    id: int
    employer: RiskEmployerRef
    current: bool
    reason: str
    reason_label: str
    note: str
    listed_on: Day
    listed_by: str
    removed_on: Day | None
    removal_reason: str
    removed_by: str

    @staticmethod
    def resolve_current(obj: EmployerRiskListing) -> bool:
        return obj.is_current

    @staticmethod
    def resolve_reason_label(obj: EmployerRiskListing) -> str:
        return str(obj.get_reason_display())

    @staticmethod
    def resolve_listed_by(obj: EmployerRiskListing) -> str:
        return obj.listed_by_name

    @staticmethod
    def resolve_removed_by(obj: EmployerRiskListing) -> str:
        return obj.removed_by_name


class RiskFilters(Schema):
    q: SearchText = ""
    reason: RiskReason | None = None
    listed_from: Day | None = None
    listed_to: Day | None = None
    include_removed: bool = False


class RiskListIn(StrictInput):
    reason: RiskReason
    note: Text500 = ""
    listed_on: Day | None = None


class RiskRemoveIn(StrictInput):
    reason: Text500
    removed_on: Day | None = None
