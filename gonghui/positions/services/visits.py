"""扫码签到: a worker scans a position's QR code and checks in, once per position and day.

The QR code carries a signed token of the position (not its bare id), so a check-in means the code was
seen. The person is their phone's blind index, whether signed in on the portal or proving the phone as
a guest: switching between the two does not make a second check-in.
"""

import datetime
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import Purpose, sms_verify
from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index, blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.idnumbers import parse_mobile
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.positions.choices import PositionStatus
from gonghui.positions.hours import LOCAL
from gonghui.positions.models import PositionService, PositionVisit, ServicePosition
from gonghui.positions.services.common import clean_int, clean_text

_SALT = "positions.checkin"


def checkin_token(position: ServicePosition) -> str:
    return signing.Signer(salt=_SALT).sign(str(position.pk)).replace(":", ".")


def position_of_token(token: str) -> ServicePosition:
    """The position a printed code names; a forged or mistyped code answers like a missing page."""
    try:
        pk = int(signing.Signer(salt=_SALT).unsign(str(token).replace(".", ":")))
    except (signing.BadSignature, ValueError):
        raise NotFound() from None
    position = ServicePosition.objects.select_related("kind").filter(pk=pk).first()
    if position is None:
        raise NotFound()
    return position


def visit_check_in(*, worker: PortalWorker, token: str, service: str = "", rating: Any = None, note: str = "",
                   at: datetime.datetime | None = None) -> PositionVisit:
    position = position_of_token(token)
    if position.status != PositionStatus.OPEN:
        raise ValidationFailed(_("该服务阵地暂停或已关闭，暂不能签到。"), field="position", code="not_open")
    used = None
    if service:
        used = PositionService.objects.filter(code=service, active=True).first()
        if used is None or not position.services.filter(pk=used.pk).exists():
            raise ValidationFailed(_("请选择本站点提供的服务。"), field="service", code="choice")
    score = clean_int(rating, field="rating", low=1, high=5)
    text = clean_text(note, field="note", max_length=200)
    moment = at or timezone.now()
    day = moment.astimezone(LOCAL).date()
    key = blind_index(worker.phone)
    member = Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone)).only("pk").first()
    try:
        with transaction.atomic():
            visit = PositionVisit.objects.create(position=position, org_path=position.org_path, day=day, at=moment,
                                                 visitor_key=key, member=member, service=used, rating=score,
                                                 note=text)
            # Only ever forward: a late-arriving older check-in does not move the flag back.
            ServicePosition.objects.filter(pk=position.pk).exclude(last_visit_on__gte=day).update(last_visit_on=day)
            audit_record(actor=worker.actor, action="positions.check_in", obj=position, org_path=position.org_path,
                         detail={"service": service, "rating": score})
    except IntegrityError:
        raise Conflict(_("您今天已在这里签到过了，感谢使用，明天再来！"), field="position",
                       code="already_checked_in") from None
    return visit


def visit_check_in_as_guest(*, phone: str, code: str, token: str, ip: str = "", **kwargs: Any) -> PositionVisit:
    """A guest proves the phone with the portal's SMS code first (as 我要求助 does)."""
    position_of_token(token)
    number = parse_mobile(phone, field="phone")
    sms_verify(phone=number, purpose=Purpose.PORTAL_LOGIN, code=code, ip=ip)
    return visit_check_in(worker=PortalWorker(phone=number, ip=ip), token=token, **kwargs)


def last_visit_recompute(position: ServicePosition) -> None:
    """For bulk-loaded check-ins (demo data): the stored last visit from the rows."""
    last = PositionVisit.objects.filter(position=position).aggregate(day=Max("day"))["day"]
    ServicePosition.objects.filter(pk=position.pk).update(last_visit_on=last)
