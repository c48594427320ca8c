"""What the employer endpoints take and give."""

from typing import ClassVar

from ninja import Schema

from gonghui.api.common.schemas import (
    AdCode,
    CreditCode,
    HeadCount,
    Id,
    Input,
    Name,
    Omit,
    Patch,
    SearchText,
    Text200,
    UnionRef,
    Version,
    unset,
)
from gonghui.orgs.choices import Industry, Ownership
from gonghui.orgs.models import Employer


class EmployerOut(Schema):
    id: int
    credit_code: str
    name: str
    union: UnionRef
    unionized: bool
    industry: str
    industry_label: str
    ownership: str
    ownership_label: str
    region: str | None
    address: str
    employee_count: int
    women_count: int
    migrant_count: int
    above_scale: bool
    status: str
    status_label: str
    version: int

    @staticmethod
    def resolve_industry_label(obj: Employer) -> str:
        return str(obj.get_industry_display())

    @staticmethod
    def resolve_ownership_label(obj: Employer) -> str:
        return str(obj.get_ownership_display())

    @staticmethod
    def resolve_status_label(obj: Employer) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_region(obj: Employer) -> str | None:
        return obj.region_id


class EmployerFilters(Schema):
    union: Id | None = None
    subtree: bool = False
    q: SearchText = ""
    unionized: bool | None = None


class EmployerCreateIn(Input):
    union_id: Id
    credit_code: CreditCode
    name: Name
    industry: Industry
    ownership: Ownership
    region: AdCode | None = None
    address: Text200 = ""
    employee_count: HeadCount = 0
    women_count: HeadCount = 0
    migrant_count: HeadCount = 0
    above_scale: bool = False


class EmployerUpdateIn(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"region"})

    version: Version
    union_id: Id | Omit = unset()
    credit_code: CreditCode | Omit = unset()
    name: Name | Omit = unset()
    industry: Industry | Omit = unset()
    ownership: Ownership | Omit = unset()
    region: AdCode | None = unset()
    address: Text200 | Omit = unset()
    employee_count: HeadCount | Omit = unset()
    women_count: HeadCount | Omit = unset()
    migrant_count: HeadCount | Omit = unset()
    above_scale: bool | Omit = unset()
