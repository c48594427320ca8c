"""撤回同意 (PIPL art. 15): where consent is the basis of processing, the person takes it back.

Consents held: a job application sent to an employer (jobs.JobApplication.consent_at, with its
priority consent). Withdrawn, the employer no longer sees the application. The hardship file's
consent to sensitive data is the household's written one and is withdrawn at the union that holds the
file (the page says so): the file's class may rest on that data, so a cadre re-assesses it."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound
from gonghui.jobs.models import JobApplication
from gonghui.jobs.services.applications import application_consent_withdraw
from gonghui.members.models import Member
from gonghui.members.rights_models import PersonalDataRequest, RightKind, RightState
from gonghui.members.services.rights import data_request_record

EFFECT = _("撤回后，用人单位不再能看到这份求职申请；进行中的申请随之撤回。已撤回的同意不影响撤回前已进行的处理。")


@dataclass(frozen=True)
class Consent:
    pk: int
    what: str
    given_at: Any
    status: str


def consents_of(*, member: Member) -> list[Consent]:
    rows = (JobApplication.objects.filter(member=member, consent_at__isnull=False)
            .select_related("posting", "posting__employer").order_by("-consent_at")[:50])
    return [Consent(pk=r.pk, what=f"{r.posting.title} · {r.posting.employer.name}", given_at=r.consent_at,
                    status=r.get_status_display()) for r in rows]


@transaction.atomic
def consent_withdraw(*, actor: Any, member: Member, application_pk: int | None,
                     note: str = "") -> PersonalDataRequest:
    """The person (portal) or a cadre of their union (on their request) withdraws one consent; the id is
    parsed by the interface (None for anything that is not one: answered as missing)."""
    application = (JobApplication.objects.filter(member=member, pk=application_pk).select_related("member").first()
                   if isinstance(application_pk, int) else None)
    if application is None:
        raise NotFound()
    application_consent_withdraw(actor=actor, application=application)
    return data_request_record(actor=actor, member=member, kind=RightKind.WITHDRAW, state=RightState.DONE,
                               subject=f"jobs.application:{application.pk}", note=note)
