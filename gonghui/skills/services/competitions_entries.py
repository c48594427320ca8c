"""Entries: a person, or a team of people, members of the registry or not. Each person is a
participant row with the identity number encrypted and a blind index the database keeps unique per
competition, so the same person enters once however the entries arrive."""

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import IdType, mask_id, parse_identity
from gonghui.members.cleaning import identity_index
from gonghui.members.models import Member
from gonghui.orgs.models import Employer
from gonghui.skills.competition_choices import CompetitionAction, StageStatus
from gonghui.skills.competition_models import (
    Competition,
    CompetitionAward,
    CompetitionEntry,
    CompetitionParticipant,
    CompetitionScore,
)
from gonghui.skills.services.competitions_common import clean_text, lock, require_manage
from gonghui.skills.services.competitions_transition import competition_transition


@dataclass(frozen=True)
class PersonIn:
    name: str = ""
    id_number: str = field(default="", repr=False)
    id_type: str = IdType.RESIDENT
    member: Member | None = None  # a registry member: name and identity come from the registry
    is_leader: bool = False


@dataclass(frozen=True)
class _Person:
    name: str
    id_type: str
    id_number: str = field(repr=False)
    id_index: str
    id_masked: str
    member: Member | None
    is_leader: bool


def _clean_person(person: PersonIn, *, row: int | None) -> _Person:
    field = "id_number" if row is None else f"members[{row}].id_number"
    try:
        if person.member is not None:
            m = person.member
            return _Person(m.name, m.id_type, m.id_number, m.id_index, m.id_masked, m, person.is_leader)
        name = clean_text(person.name, field="name", max_length=50, required=True)
        ident = parse_identity(person.id_type, person.id_number, field=field)
    except ValidationFailed as e:
        if row is None:
            raise
        named = e.field if (e.field or "").startswith("members[") else f"members[{row}].{e.field}"
        raise ValidationFailed(msg(_("第%(row)d名队员：%(error)s"), {"row": row + 1, "error": e.message}),
                               field=named, code=e.code) from None
    # The registry's key, so a member entered by name and number is the member entered from the registry.
    return _Person(name, ident.id_type, ident.number, identity_index(ident), mask_id(ident.number), None,
                   person.is_leader)


def _people(competition: Competition, person: PersonIn | None, team_name: str,
            members: list[PersonIn] | None) -> tuple[str, list[_Person]]:
    if person is not None and members:
        raise ValidationFailed(_("参赛者为个人或团队，不能同时填写。"), field="members", code="both")
    if person is not None:
        p = _clean_person(person, row=None)
        return p.name, [p]
    if competition.team_size < 1:
        raise ValidationFailed(_("本竞赛只接受个人参赛。"), field="members", code="individuals_only")
    name = clean_text(team_name, field="team_name", max_length=100, required=True)
    rows = members or []
    if not 1 <= len(rows) <= competition.team_size:
        raise ValidationFailed(msg(_("每队应有1至%(n)d名队员，当前为%(count)d名。"), {
            "n": competition.team_size, "count": len(rows)}), field="members", code="team_size")
    people = [_clean_person(p, row=i) for i, p in enumerate(rows)]
    seen: dict[str, int] = {}
    for i, p in enumerate(people):
        if p.id_index in seen:
            raise ValidationFailed(msg(_("第%(row)d名队员与第%(first)d名队员是同一人。"), {
                "row": i + 1, "first": seen[p.id_index] + 1}), field=f"members[{i}].id_number", code="duplicate")
        seen[p.id_index] = i
    return name, people


def _refuse_entered(competition: Competition, people: list[_Person]) -> None:
    taken = (CompetitionParticipant.objects.filter(competition=competition, id_index__in=[p.id_index for p in people])
             .select_related("entry").first())
    if taken is not None:
        raise ValidationFailed(msg(_("%(name)s（%(id)s）已报名本竞赛（%(entry)s），同一人只能参赛一次。"), {
            "name": taken.name, "id": taken.id_masked, "entry": taken.entry.name}), field="id_number",
            code="already_entered")


def competition_enter(*, actor: Any, competition: Competition, person: PersonIn | None = None, team_name: str = "",
                      members: list[PersonIn] | None = None, employer: Employer | None = None,
                      employer_name: str = "", trade: str = "") -> CompetitionEntry:
    """登记参赛: `person` for an individual, or `team_name` with `members` (the first leader if none is marked)."""
    require_manage(actor, competition)
    name, people = _people(competition, person, team_name, members)
    if len(people) > 1 and not any(p.is_leader for p in people):
        first = people[0]
        people[0] = _Person(first.name, first.id_type, first.id_number, first.id_index, first.id_masked,
                            first.member, True)
    if employer is not None and not employer.org_path.startswith(competition.org_path):
        # A competition draws from the organiser's own subtree; a worker from elsewhere is named by
        # the employer's name, not linked to an employer record outside the organiser's reach.
        raise ValidationFailed(msg(_("工作单位“%(name)s”不在主办工会%(union)s的范围内。"), {
            "name": employer.name, "union": competition.organiser.name}), field="employer",
            code="employer_out_of_scope")
    employer_name = employer.name if employer is not None else clean_text(employer_name, field="employer_name",
                                                                          max_length=100)
    trade = clean_text(trade or competition.trade, field="trade", max_length=50)
    with transaction.atomic():
        locked = lock(competition)
        first_stage = locked.stages.order_by("order").first()
        if first_stage is not None and first_stage.status != StageStatus.OPEN:
            raise ValidationFailed(msg(_("%(stage)s已结束，不能再报名。"), {"stage": first_stage.get_kind_display()}),
                                   field="competition", code="entries_closed")
        if locked.entry_count >= locked.max_entries:
            raise ValidationFailed(msg(_("本竞赛参赛名额为%(n)d个，已报满。"), {"n": locked.max_entries}),
                                   field="competition", code="full")
        _refuse_entered(locked, people)
        seq = locked.entry_count + 1
        locked = competition_transition(actor=actor, competition=locked, action=CompetitionAction.ENTER,
                                        changes={"entry_count": F("entry_count") + 1},
                                        note=name, detail={"seq": seq, "team": bool(members)})
        entry = CompetitionEntry.objects.create(competition=locked, org_path=locked.org_path, seq=seq,
                                                is_team=person is None, name=name, employer=employer,
                                                employer_name=employer_name, trade=trade)
        try:
            with transaction.atomic():
                CompetitionParticipant.objects.bulk_create([CompetitionParticipant(
                    competition=locked, entry=entry, name=p.name, id_type=p.id_type, id_number=p.id_number,
                    id_index=p.id_index, id_masked=p.id_masked, member=p.member, is_leader=p.is_leader)
                    for p in people])
        except IntegrityError:
            # Another entry of the same person was committed between the check and the insert.
            _refuse_entered(locked, people)
            raise
    competition.refresh_from_db()
    return entry


def competition_entry_withdraw(*, actor: Any, entry: CompetitionEntry, reason: str) -> CompetitionEntry:
    """撤销参赛: the entry stays on the record, leaves every ranking, and its people may not enter again."""
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    if entry.withdrawn:
        raise ValidationFailed(_("该参赛者已撤销参赛。"), field="entry", code="already_withdrawn")
    if CompetitionAward.objects.filter(entry=entry).exists():
        raise ValidationFailed(_("该参赛者已评定奖项，请先撤销奖项。"), field="entry", code="awarded")
    with transaction.atomic():
        competition_transition(actor=actor, competition=lock(entry.competition),
                               action=CompetitionAction.WITHDRAW_ENTRY, note=reason, detail={"entry": entry.pk})
        CompetitionScore.objects.filter(entry=entry).delete()
        CompetitionEntry.objects.filter(pk=entry.pk).update(withdrawn=True, reached=0)
    entry.refresh_from_db()
    return entry
