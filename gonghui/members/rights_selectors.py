"""Reads for a person's rights (PIPL): the registry records a signed-in worker is, their requests, and
the requests waiting for a cadre."""

from typing import Any

from django.db.models import QuerySet

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.members.models import Member
from gonghui.members.rights_models import PersonalDataRequest
from gonghui.orgs.scope import Scope


def members_of_phone(*, phone: str) -> list[Member]:
    """The registry records whose phone the worker proved at login (almost always one)."""
    return list(Member.objects.filter(phone_index__in=blind_index_candidates(phone)).select_related("union", "employer")
                .order_by("pk")[:5])


def my_member_get(*, phone: str, pk: Any) -> Member:
    found = next((m for m in members_of_phone(phone=phone) if str(m.pk) == str(pk)), None)
    if found is None:
        raise NotFound()
    return found


def requests_of(*, member: Member) -> list[PersonalDataRequest]:
    return list(PersonalDataRequest.objects.filter(member=member).select_related("union")[:50])


def pending_requests(*, scope: Scope) -> QuerySet[PersonalDataRequest]:
    return PersonalDataRequest.objects.pending().visible_to(scope).select_related("member", "union")


def data_request_get(*, scope: Scope, pk: Any) -> PersonalDataRequest:
    found = (PersonalDataRequest.objects.visible_to(scope).select_related("member", "union").filter(pk=pk).first()
             if str(pk).isdigit() else None)
    if found is None:
        raise NotFound()
    return found
