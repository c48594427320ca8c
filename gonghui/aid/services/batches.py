"""Preparing a batch (发放批次): create it, select its recipients in bulk, review the rows.

Recipients go in as a whole list: duplicates inside the list and people who already hold a place
in the programme's cycle (in any union) are set aside and reported, the rest written by COPY on
PostgreSQL (executemany on SQLite) in one transaction with one event and one audit row. A batch
written meanwhile by another union that takes one of the same people makes the unique constraint
refuse, and the whole selection rolls back: nothing is half-written.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchAction, GrantStatus, ProgrammeKind
from gonghui.aid.cleaning import clean_money, clean_text
from gonghui.aid.dedup import current_holders, describe_holder, describe_text
from gonghui.aid.errors import DuplicateGrant
from gonghui.aid.key_aliases import identity_aliases, recipient_aliases
from gonghui.aid.models import AidBatch, AidCampaign, AidGrant
from gonghui.aid.recipients import Recipient, clean_account, clean_worker, mask_account
from gonghui.aid.registry import households_of
from gonghui.aid.services.common import record_batch_event, require_any
from gonghui.aid.workflow import check_action
from gonghui.core.bulk_insert import bulk_insert, checked_as_written
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.members.services.bulk import live_memberships
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for_any

CONCURRENT_SELECTION = _("其他批次刚刚选入了其中部分人员，本次未写入任何记录；请重新选取。")


@dataclass
class Selection:
    added: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # who was set aside, and why


def batch_create(*, actor: Any, campaign: AidCampaign, union: TradeUnion, title: str = "",
                 granted_on: datetime.date | None = None) -> AidBatch:
    programme = campaign.programme
    require_any(actor, (Perm.AID_DISBURSE,), union.path)
    # A programme is paid out by its own union or by unions below it, never sideways.
    if not union.path.startswith(programme.org_path):
        raise ValidationFailed(_("发放工会应为项目主办工会或其下级工会。"), field="union", code="outside_programme")
    if not programme.is_active:
        raise ValidationFailed(_("该帮扶项目已停用。"), field="programme", code="inactive")
    granted_on = granted_on or timezone.localdate()
    title = clean_text(title, field="title", max_length=100) or f"{campaign.name}（{union.name}）"[:100]
    with transaction.atomic():
        batch = AidBatch.objects.create(campaign=campaign, programme=programme, union=union, org_path=union.path,
                                        title=title, granted_on=granted_on, prepared_by=_user_or_none(actor))
        record_batch_event(actor=actor, batch=batch, action=BatchAction.CREATE, new_status=batch.status)
    return batch


def _user_or_none(actor: Any) -> Any:
    return None if getattr(actor, "is_system_actor", False) else actor


def lock_draft(actor: Any, batch: AidBatch, action: str) -> AidBatch:
    locked = AidBatch.objects.select_for_update(of=("self",)).select_related("programme", "campaign__programme") \
        .get(pk=batch.pk)
    rule = check_action(locked.status, action)
    require_any(actor, rule.permissions, locked.org_path)
    return locked


def batch_add_recipients(*, actor: Any, batch: AidBatch, recipients: Iterable[Recipient]) -> Selection:
    """Add people to a draft batch; those already aided in this cycle are reported, not added."""
    scope = scope_for_any(actor, (Perm.AID_DISBURSE, Perm.AID_MANAGE, Perm.HARDSHIP_VIEW))
    try:
        with transaction.atomic():
            locked = lock_draft(actor, batch, BatchAction.SELECT)
            programme, campaign = locked.programme, locked.campaign
            dedup_key, cycle_key = programme.dedup_key, campaign.cycle_key
            seen_people: set[str] = set()
            seen_households: set[str] = set()
            fresh: list[Recipient] = []
            selection = Selection()
            listed = _keyed_to_households(list(recipients))
            aliases = recipient_aliases(listed)
            by_person, by_household = current_holders(
                dedup_key=dedup_key, cycle_key=cycle_key, person_keys=[r.person_index for r in listed],
                household_keys=[r.household_key for r in listed] if programme.once_per_household else [],
                aliases=aliases)
            # While the index key rotates one person may be listed under both keys: each key seen
            # stands for its aliases too.
            same: dict[str, set[str]] = defaultdict(set)
            for other, held in aliases.items():
                same[held].add(other)
            for r in listed:
                if programme.members_only and not r.is_member:
                    selection.duplicates.append({"name": r.name, "reason": "not_member", "earlier": None})
                    continue
                holder = by_person.get(r.person_index) or by_household.get(r.household_key)
                if holder is not None:
                    selection.duplicates.append({"name": r.name, "reason": "already_aided",
                                                 "earlier": describe_holder(holder, scope)})
                    continue
                if r.person_index in seen_people or (programme.once_per_household
                                                     and r.household_key in seen_households):
                    selection.duplicates.append({"name": r.name, "reason": "listed_twice", "earlier": None})
                    continue
                seen_people.update({r.person_index, *same[r.person_index]})
                seen_households.update({r.household_key, *same[r.household_key]})
                fresh.append(r)
            now = timezone.now()
            with checked_as_written():
                bulk_insert(AidGrant, [_grant_row(locked, r, dedup_key, cycle_key, now) for r in fresh])
            selection.added = len(fresh)
            AidBatch.objects.filter(pk=locked.pk).update(version=F("version") + 1)
            record_batch_event(actor=actor, batch=locked, action=BatchAction.SELECT,
                               detail={"added": selection.added, "set_aside": len(selection.duplicates)})
    except IntegrityError as exc:
        raise DuplicateGrant(CONCURRENT_SELECTION) from exc
    return selection


def _keyed_to_households(listed: list[Recipient]) -> list[Recipient]:
    """Workers typed in by hand, as the registries know them: one who belongs to a household in file
    is keyed to that household (the household guard must see it), and one with a live membership
    counts as a member whatever the cadre ticked."""
    loose = [r.person_index[3:] for r in listed if r.hardship_file_id is None and r.person_index.startswith("id:")]
    if not loose:
        return listed
    # While the index key rotates, the registries' rows may be under the other key: ask those too.
    aliases = identity_aliases(loose, listed)
    households = {aliases.get(i, i): key for i, key in households_of([*loose, *aliases]).items()}
    members = live_memberships(loose, aliases)
    out = []
    for r in listed:
        index = r.person_index[3:] if r.hardship_file_id is None and r.person_index.startswith("id:") else ""
        if index and (index in households or index in members):
            r = replace(r, household_key=households.get(index, r.household_key),
                        is_member=r.is_member or index in members)
        out.append(r)
    return out


def _grant_row(batch: AidBatch, r: Recipient, dedup_key: str, cycle_key: str, now: datetime.datetime
               ) -> dict[str, Any]:
    programme = batch.programme
    return {
        "batch_id": batch.pk, "programme_id": programme.pk, "campaign_id": batch.campaign_id,
        "union_id": batch.union_id, "org_path": batch.org_path, "dedup_key": dedup_key, "cycle_key": cycle_key,
        "hardship_file_id": r.hardship_file_id, "group": r.group, "is_member": r.is_member, "name": r.name,
        "id_number": r.id_number, "id_masked": r.id_masked, "phone": r.phone, "phone_masked": r.phone_masked,
        "person_index": r.person_index, "household_key": r.household_key,
        "household_once": programme.once_per_household,
        "student_name": r.extra.get("student_name", ""), "school": r.extra.get("school", ""),
        "grade": r.extra.get("grade", ""),
        "cash": programme.standard_amount if r.cash is None else r.cash,
        "goods_value": programme.standard_goods_value if r.goods_value is None else r.goods_value,
        "goods": r.goods, "fund_source": programme.fund_source, "payee_name": r.payee_name or r.name,
        "payee_account": r.payee_account, "payee_account_masked": mask_account(r.payee_account),
        "granted_on": batch.granted_on, "status": GrantStatus.PENDING, "failure_reason": "", "paid_on": None,
        "created_at": now,
    }


def grant_add(*, actor: Any, batch: AidBatch, data: dict[str, Any]) -> AidGrant:
    """One worker typed in by a cadre; a duplicate is refused with the earlier grant named (in scope)."""
    recipient = clean_worker(data)
    id_lookup_take(actor=actor, what="aid_grant_add")
    programme = batch.programme
    if programme.kind == ProgrammeKind.AUTUMN_STUDY_AID and not recipient.extra.get("student_name"):
        raise ValidationFailed(_("金秋助学请填写学生姓名、学校和年级。"), field="student_name", code="required")
    selection = batch_add_recipients(actor=actor, batch=batch, recipients=[recipient])
    if not selection.added:
        refused = selection.duplicates[0]
        if refused["reason"] == "not_member":
            raise ValidationFailed(_("该项目仅限会员，非会员不能列入。"), field="is_member", code="members_only")
        if refused["earlier"]["other_union"]:
            raise DuplicateGrant(msg(_("%(name)s已在本周期内领取过该项目，不能重复发放。"), {"name": recipient.name}),
                                 earlier=[refused["earlier"]])
        raise DuplicateGrant(msg(_("%(name)s本周期已领取过该项目（%(earlier)s），不能重复发放。"),
                                 {"name": recipient.name, "earlier": describe_text(refused["earlier"])}),
                             earlier=[refused["earlier"]])
    return AidGrant.objects.filter(batch=batch, person_index=recipient.person_index,
                                   status=GrantStatus.PENDING).get()


def batch_remove_grants(*, actor: Any, batch: AidBatch, grant_ids: Iterable[int], reason: str = "") -> int:
    """Review: take rows out of a draft. They stay as cancelled rows (the audit trail), freeing their place."""
    ids = sorted({int(i) for i in grant_ids})
    reason = clean_text(reason, field="reason", max_length=200)
    with transaction.atomic():
        locked = lock_draft(actor, batch, BatchAction.REVIEW)
        removed = AidGrant.objects.filter(batch=locked, pk__in=ids, status=GrantStatus.PENDING).update(
            status=GrantStatus.CANCELLED, failure_reason=reason)
        if removed != len(ids):
            raise ValidationFailed(_("部分记录不在本批次中，或已取消。"), field="grants", code="not_in_batch")
        AidBatch.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        record_batch_event(actor=actor, batch=locked, action=BatchAction.REVIEW, note=reason,
                           detail={"removed": ids})
    return removed


ADJUSTABLE = ("cash", "goods_value", "goods", "payee_name", "payee_account", "student_name", "school", "grade")


def grant_adjust(*, actor: Any, grant: AidGrant, **changes: Any) -> AidGrant:
    """Review: change a row's amounts, goods, payee or (金秋助学) student, while the batch is a draft."""
    unknown = set(changes) - set(ADJUSTABLE)
    if unknown:
        raise ValidationFailed(_("不能修改这些字段。"), field=sorted(unknown)[0], code="not_adjustable")
    values: dict[str, Any] = {}
    for name, raw in changes.items():
        if name in ("cash", "goods_value"):
            values[name] = clean_money(raw, field=name)
        elif name == "payee_account":
            values[name] = clean_account(raw)
            values["payee_account_masked"] = mask_account(values[name])
        else:
            values[name] = clean_text(raw, field=name, max_length=100 if name in ("goods", "school") else 50)
    with transaction.atomic():
        locked = lock_draft(actor, grant.batch, BatchAction.REVIEW)
        if not AidGrant.objects.filter(pk=grant.pk, batch=locked, status=GrantStatus.PENDING).exists():
            raise Conflict(_("该记录已取消或已不在本批次中。"), code="grant_gone")
        for name, value in values.items():
            setattr(grant, name, value)
        grant.save(update_fields=list(values))
        AidBatch.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        shown = {k: str(v) for k, v in values.items() if k in ("cash", "goods_value", "goods")}
        record_batch_event(actor=actor, batch=locked, action=BatchAction.REVIEW,
                           detail={"grant": grant.pk, "changed": sorted(values), **shown})
    return grant
