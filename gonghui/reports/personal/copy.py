"""下载副本 (PIPL art. 45): everything the system holds about a person, one sheet per section, written
through the one spreadsheet writer (formula leaders neutralised). Full values go only to the person
themself or to a cadre holding the reveal and export permissions over them, handing the copy to the
person at the counter; each copy is a request row, an access-log row and an audit row."""

import datetime
import io
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import sheets_out
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.models import Member
from gonghui.members.rights_models import RightKind, RightState
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.personal import access_log
from gonghui.members.services.rights import data_request_record, require_identity, require_person
from gonghui.orgs.scope import require
from gonghui.reports.personal.holdings import Section, person_holdings


def _format(value: Any) -> str | None:
    if isinstance(value, datetime.datetime):
        return sheets_out.DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return sheets_out.DATE_FORMAT
    if isinstance(value, Decimal):
        return sheets_out.MONEY_FORMAT
    return None


def _sheet(book: Any, section: Section) -> None:
    # Sheet names: at most 31 characters, none of []:*?/\ (section titles have none).
    sheet = book.create_sheet(title=str(section.title)[:31])
    sheets_out.set_widths(sheet, [22] * len(section.columns))
    sheets_out.append_header(sheet, section.columns)
    if not section.rows:
        sheets_out.append(sheet, [_("（无记录）")])
    for row in section.rows:
        values = ["" if v is None else v for v in row]
        sheets_out.append_typed(sheet, values, [_format(v) for v in values])


def workbook_bytes(sections: list[Section]) -> bytes:
    book = sheets_out.new_workbook()
    for section in sections:
        _sheet(book, section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def personal_copy(*, actor: Any, member: Member, reason: str = "", id_number: Any = "") -> bytes:
    """The person's copy, in full. On the portal the signed-in phone is not proof enough (a phone may be
    shared or reassigned): the person types their identity number, matched against the registry. A cadre
    gives it on the person's request, with the reveal and export permissions over the member, and each
    section holds only what the cadre's own scope shows; the access is logged as any full view of an
    identity number is."""
    if isinstance(actor, PortalWorker):
        # Each number typed is a look-up by identity number: counted before the check (which may refuse),
        # so someone holding a shared phone cannot try numbers without end.
        id_lookup_take(actor=actor, what="personal_copy")
    with transaction.atomic():
        if isinstance(actor, PortalWorker):
            require_person(actor, member)
            require_identity(member, id_number)
        else:
            require(actor, Perm.MEMBER_REVEAL, member.org_path, visible_permission=Perm.MEMBER_VIEW)
            require(actor, Perm.MEMBER_EXPORT, member.org_path, visible_permission=Perm.MEMBER_VIEW)
        # The request row checks that a portal worker is this person; with the access row, the history.
        data_request_record(actor=actor, member=member, kind=RightKind.COPY, state=RightState.DONE)
        access_log(actor=actor, member=member, field="copy", reason=normalize_text(reason) or _("本人申请个人信息副本"))
    cadre = None if isinstance(actor, PortalWorker) else actor
    return workbook_bytes(person_holdings(member=member, full=True, cadre=cadre))
