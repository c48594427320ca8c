"""Field types and small schemas shared by every router."""

import datetime
import re
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from django.db.models import TextChoices
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema
from pydantic_core import PydanticCustomError

from gonghui.core import limits as text_limits
from gonghui.core.text import normalize_name, normalize_text

# Ids are 64-bit on both databases: a larger number must be refused before it reaches the driver.
MAX_ID = 2**63 - 1
# `version` and the head counts are 32-bit columns on PostgreSQL.
MAX_INT32 = 2**31 - 1
# NUL cannot be stored by PostgreSQL, and the other C0 controls are never part of a real name.
PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _as(normalise: Any) -> BeforeValidator:
    # Normalised before the length checks, by the same rules as every other channel (a name of only
    # invisible characters is then empty). A control character is left for PRINTABLE to refuse: a
    # client that sends one has a bug to be told about, unlike a person pasting a zero-width space.
    # A non-string is left to the type check.
    return BeforeValidator(lambda value: normalise(value) if isinstance(value, str) and not _CONTROL.search(value)
                           else value)


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_INT32, description="读取时的版本号；他人已修改则返回409。")]
HeadCount = Annotated[int, Field(ge=0, le=MAX_INT32)]
AdCode = Annotated[str, Field(pattern=r"^[0-9]{6}$", description="GB/T 2260 行政区划代码")]
Name = Annotated[str, _as(normalize_name), Field(min_length=1, max_length=100, pattern=PRINTABLE)]
# Credit codes are accepted as people type them (spaces, dashes, full-width) and normalised by the service.
CreditCode = Annotated[str, Field(max_length=40, pattern=PRINTABLE, description="统一社会信用代码（GB 32100）")]
Text30 = Annotated[str, _as(normalize_text), Field(max_length=30, pattern=PRINTABLE)]
Text50 = Annotated[str, _as(normalize_text), Field(max_length=50, pattern=PRINTABLE)]
Text200 = Annotated[str, _as(normalize_text), Field(max_length=200, pattern=PRINTABLE)]
SearchText = Annotated[str, _as(normalize_text), Field(max_length=text_limits.SEARCH_TEXT, pattern=PRINTABLE)]

# "May be left out, but not sent as null": the schema shows the plain type, and a null is refused.
Omit = SkipJsonSchema[None]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def unset() -> Any:
    return Field(None, json_schema_extra=_no_default)


class Input(Schema):
    # An unknown key is a client's typo, not something to ignore silently.
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class StrictInput(Input):
    """A key left out takes its default; sent as null it is refused, as the document (no null) says."""

    @field_validator("*", mode="after")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("not_null", "may not be null")
        return value


# A calendar day a person means (a report period, an event): bounded, so arithmetic on it cannot overflow.
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31))]


class Patch(Input):
    """A partial update: only the keys sent are changed; `nullable` keys may be sent as null to clear."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _not_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise PydanticCustomError("not_null", "may not be null")
        return value


class FieldErrorOut(Schema):
    code: str
    field: str | None = None
    message: str
    message_zh: str
    message_en: str


class ErrorOut(FieldErrorOut):
    """Every failure. `errors` lists each invalid field when several are wrong at once."""

    errors: list[FieldErrorOut] | None = None


class UnionRef(Schema):
    id: int
    name: str


# Free text of the common lengths.
Text20 = Annotated[str, Field(max_length=20, pattern=PRINTABLE)]
Text100 = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Text500 = Annotated[str, Field(max_length=500, pattern=PRINTABLE)]


def yuan(amount: Any) -> Decimal:
    # SQLite sums decimals without their scale; money always leaves to the fen.
    return Decimal(amount or 0).quantize(Decimal("0.01"))


def label(enum: Any, value: str) -> str:
    return str(enum(value).label) if value else ""


class VersionedStepIn(StrictInput):
    version: Version | Omit = unset()


def named_choices(choices: type[TextChoices], name: str) -> WithJsonSchema:
    """`Annotated[Status, named_choices(Status, "ContractStatus")]`: a domain's choices under an OpenAPI
    name of their own. The document keeps one component per class name, so two domains' `Status`
    would silently overwrite each other (test_schema_names)."""
    return WithJsonSchema({"title": name, "type": "string", "enum": list(choices.values)})
