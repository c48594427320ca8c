"""Selecting a batch's households from the registry, as one INSERT ... SELECT.

The eligible files (the programme's classes, in file, under the batch's union, within the actor's
view of the registry) go into the batch in one statement that the database runs over its own
indexes: each file becomes a grant unless its person or household already holds a place in the
programme's cycle (NOT EXISTS against the partial unique indexes). The few set aside are read
first, to name the earlier grants. Nothing of 100,000 rows passes through Python; a batch written
meanwhile by another union trips the unique constraints and the whole selection rolls back.
"""

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Concat
from django.utils import timezone

from gonghui.aid.choices import HOLDING, BatchAction, GrantStatus, ProgrammeKind, RecipientGroup
from gonghui.aid.dedup import current_holders, describe_holder
from gonghui.aid.errors import DuplicateGrant
from gonghui.aid.models import AidBatch, AidGrant
from gonghui.aid.registry import eligible_files
from gonghui.aid.services.batches import CONCURRENT_SELECTION, Selection, lock_draft
from gonghui.aid.services.common import record_batch_event
from gonghui.core.crypto import blind_index_candidates, index_rotating
from gonghui.core.permissions import Perm
from gonghui.members.choices import LIVE_STATUSES
from gonghui.orgs.scope import scope_for, scope_for_any


def batch_select_eligible(*, actor: Any, batch: AidBatch) -> Selection:
    """Every household in file that the programme's eligibility admits, under the batch's union and
    within what the actor may see of the registry."""
    files_scope = scope_for(actor, Perm.HARDSHIP_VIEW)
    names_scope = scope_for_any(actor, (Perm.AID_DISBURSE, Perm.AID_MANAGE, Perm.HARDSHIP_VIEW))
    try:
        with transaction.atomic():
            locked = lock_draft(actor, batch, BatchAction.SELECT)
            programme, campaign = locked.programme, locked.campaign
            files = eligible_files(scope=files_scope, union_path=locked.org_path, programme=programme).order_by()
            held = AidGrant.objects.filter(dedup_key=programme.dedup_key, cycle_key=campaign.cycle_key,
                                           status__in=HOLDING)
            person = Concat(Value("id:"), OuterRef("worker_id_index"), output_field=CharField())
            household = Concat(Value("hh:"), OuterRef("worker_id_index"), output_field=CharField())
            taken: Any = Exists(held.filter(person_index=person))
            if programme.once_per_household:
                taken = taken | Exists(held.filter(household_once=True, household_key=household))
            if index_rotating():
                taken = taken | Q(pk__in=_taken_under_other_keys(files, programme, campaign))
            selection = Selection(duplicates=_set_aside(files.filter(taken), programme, campaign, names_scope))
            selection.added = _insert_from(files.filter(~taken), locked)
            AidBatch.objects.filter(pk=locked.pk).update(version=F("version") + 1)
            record_batch_event(actor=actor, batch=locked, action=BatchAction.SELECT,
                               detail={"added": selection.added, "set_aside": len(selection.duplicates),
                                       "from": "registry"})
    except IntegrityError as exc:
        raise DuplicateGrant(CONCURRENT_SELECTION) from exc
    return selection


def _file_aliases(files: Any) -> dict[str, str]:
    """While the index key rotates: each file's person and household keys under the other keys -> the
    keys its stored index gives. Decrypts the eligible files' numbers, once per selection."""
    aliases: dict[str, str] = {}
    for index, id_type, number in files.values_list("worker_id_index", "worker_id_type", "worker_id_number"):
        for other in blind_index_candidates(f"{id_type}:{number}") if number else []:
            if other != index:
                aliases["id:" + other], aliases["hh:" + other] = "id:" + index, "hh:" + index
    return aliases


def _taken_under_other_keys(files: Any, programme: Any, campaign: Any) -> list[int]:
    """The files whose person or household holds a place under a key other than the file's own:
    the grant or the file not yet recomputed by the running rotation."""
    aliases = _file_aliases(files)
    if not aliases:
        return []
    by_person, by_household = current_holders(
        dedup_key=programme.dedup_key, cycle_key=campaign.cycle_key,
        person_keys=[k for k in aliases if k.startswith("id:")],
        household_keys=[k for k in aliases if k.startswith("hh:")] if programme.once_per_household else [])
    held = {aliases[k].removeprefix("id:") for k in by_person} | {aliases[k].removeprefix("hh:") for k in by_household}
    return list(files.filter(worker_id_index__in=held).values_list("pk", flat=True)) if held else []


def _set_aside(files: Any, programme: Any, campaign: Any, scope: Any) -> list[dict[str, Any]]:
    rows = list(files.values_list("worker_name", "worker_id_index"))
    if not rows:
        return []
    by_person, by_household = current_holders(
        dedup_key=programme.dedup_key, cycle_key=campaign.cycle_key, person_keys=["id:" + i for _n, i in rows],
        household_keys=["hh:" + i for _n, i in rows] if programme.once_per_household else [],
        aliases=_file_aliases(files) if index_rotating() else None)
    out = []
    for name, index in rows:
        holder = by_person.get("id:" + index) or by_household.get("hh:" + index)
        out.append({"name": name, "reason": "already_aided",
                    "earlier": describe_holder(holder, scope) if holder else None})
    return out


def _insert_from(files: Any, batch: AidBatch) -> int:
    programme = batch.programme
    group = RecipientGroup.MODEL_WORKER if programme.kind == ProgrammeKind.MODEL_WORKER else RecipientGroup.HARDSHIP
    money: DecimalField[Any, Any] = DecimalField(max_digits=14, decimal_places=2)
    live = Q(member__isnull=False, member__status__in=[str(s) for s in LIVE_STATUSES])
    text: CharField[Any, Any] = CharField()
    # Column → expression, in the order of the INSERT; every selected value is an annotation, so
    # the SELECT lists them in exactly this order.
    columns: dict[str, Any] = {
        "batch_id": Value(batch.pk), "programme_id": Value(programme.pk), "campaign_id": Value(batch.campaign_id),
        "union_id": Value(batch.union_id), "org_path": Value(batch.org_path, text),
        "dedup_key": Value(programme.dedup_key, text), "cycle_key": Value(batch.campaign.cycle_key, text),
        "hardship_file_id": F("pk"), "group": Value(str(group), text),
        "is_member": ExpressionWrapper(live, output_field=BooleanField()), "name": F("worker_name"),
        "id_number": Value("", text), "id_masked": F("worker_id_masked"), "phone": Value("", text),
        "phone_masked": Value("", text), "person_index": Concat(Value("id:"), F("worker_id_index"), output_field=text),
        "household_key": Concat(Value("hh:"), F("worker_id_index"), output_field=text),
        "household_once": Value(programme.once_per_household, BooleanField()),
        "student_name": Value("", text), "school": Value("", text), "grade": Value("", text),
        "cash": Value(programme.standard_amount, money), "goods_value": Value(programme.standard_goods_value, money),
        "goods": Value("", text), "fund_source": Value(programme.fund_source, text), "payee_name": F("worker_name"),
        "payee_account": Value("", text), "payee_account_masked": Value("", text),
        "granted_on": Value(batch.granted_on, DateField()), "status": Value(str(GrantStatus.PENDING), text),
        "failure_reason": Value("", text), "created_at": Value(timezone.now(), DateTimeField()),
    }
    aliases = {f"aid_col_{i}": expression for i, expression in enumerate(columns.values())}
    select = files.annotate(**aliases).values(*aliases)
    sql, params = select.query.sql_with_params()
    quote = connection.ops.quote_name
    fields = {f.attname: f.column for f in AidGrant._meta.concrete_fields}
    insert = f"INSERT INTO {quote(AidGrant._meta.db_table)} ({', '.join(quote(fields[c]) for c in columns)}) {sql}"
    with connection.cursor() as cursor:
        cursor.execute(insert, params)
        return cursor.rowcount
