"""Every write to the org tree: create, edit, move a subtree, merge, dissolve, delete."""

import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.text import pinyin_initials
from gonghui.orgs import tree
from gonghui.orgs.choices import GRASSROOTS_KINDS, Level, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.paths import copies_under, follow_employers_at, rewrite_prefix
from gonghui.orgs.rollup import rollup_adjust, rollup_move
from gonghui.orgs.scope import require
from gonghui.orgs.services.common import (
    audit_actor,
    check_credit_code_free,
    clean_credit_code,
    clean_name,
    clean_optional_text,
    credit_code_race_guard,
)

EDITABLE_FIELDS = (
    "name", "kind", "region", "credit_code", "founded_on", "legal_person", "chair_name", "phone", "address",
)


def _clean_fields(*, actor: Any, union_pk: int | None, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in data:
        out["name"] = clean_name(data["name"])
        out["name_initials"] = pinyin_initials(out["name"])
    if "kind" in data:
        if data["kind"] not in UnionKind.values:
            raise ValidationFailed(_("请选择有效的工会类型。"), field="kind")
        out["kind"] = data["kind"]
    if "region" in data:
        region = data["region"]
        if region is not None and not isinstance(region, Region):
            region = Region.objects.filter(adcode=str(region)).first()
            if region is None:
                raise ValidationFailed(_("行政区划代码不存在。"), field="region")
        out["region"] = region
    if "credit_code" in data:
        code = clean_credit_code(data["credit_code"], required=False)
        if code:
            check_credit_code_free(
                actor=actor, code=code, model=TradeUnion, exclude_pk=union_pk, path_of=lambda u: u.path
            )
        out["credit_code"] = code
    if "founded_on" in data:
        founded = data["founded_on"]
        if founded is not None and not isinstance(founded, datetime.date):
            raise ValidationFailed(_("成立日期格式无效。"), field="founded_on")
        if founded and founded > timezone.localdate():
            raise ValidationFailed(_("成立日期不能晚于今天。"), field="founded_on")
        out["founded_on"] = founded
    if "legal_person" in data:
        out["legal_person"] = bool(data["legal_person"])
    for field, limit in (("chair_name", 50), ("phone", 30), ("address", 200)):
        if field in data:
            out[field] = clean_optional_text(data[field], field=field, max_length=limit)
    return out


def _check_sibling_name(parent: TradeUnion, name: str, exclude_pk: int | None = None) -> None:
    siblings = TradeUnion.objects.filter(parent=parent, name=name, status=UnionStatus.ACTIVE).exclude(pk=exclude_pk)
    if siblings.exists():
        raise ValidationFailed(_("同一上级下已有同名工会。"), field="name", code="duplicate")


def _check_level(level: int, parent: TradeUnion, *, field: str = "level") -> None:
    if level not in Level.values:
        raise ValidationFailed(_("请选择有效的层级。"), field=field)
    if level <= parent.level:
        raise ValidationFailed(
            msg(_("下级工会的层级必须低于上级（%(parent)s）。"), {"parent": Level(parent.level).label}), field=field
        )


def union_create_root(*, actor: Any, name: str, kind: str, level: int, **fields: Any) -> TradeUnion:
    """The top of a deployment's tree; only the system (demo, installation) creates it."""
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    cleaned = _clean_fields(actor=actor, union_pk=None, data={"name": name, "kind": kind, **fields})
    with transaction.atomic():
        n = TradeUnion.objects.filter(parent__isnull=True).count() + 1
        union = TradeUnion.objects.create(level=level, path=tree.step(n), depth=1, subtree_unions=1, **cleaned)
        audit_record(actor=audit_actor(actor), action="org.create", obj=union, org_path=union.path)
    return union


@transaction.atomic
def union_create(*, actor: Any, parent: TradeUnion, name: str, kind: str, level: int, **fields: Any) -> TradeUnion:
    require(actor, Perm.ORG_EDIT, parent.path)
    cleaned = _clean_fields(actor=actor, union_pk=None, data={"name": name, "kind": kind, **fields})
    parent = lock_for_new_child(parent)
    if not parent.is_active:
        raise ValidationFailed(_("上级工会已合并或撤销，不能新增下级。"), field="parent")
    _check_level(level, parent)
    _check_sibling_name(parent, cleaned["name"])
    seq = parent.child_seq + 1
    TradeUnion.objects.filter(pk=parent.pk).update(child_seq=seq, child_count=F("child_count") + 1)
    with credit_code_race_guard():
        union = TradeUnion.objects.create(
            parent=parent, level=level, path=tree.child_path(parent.path, seq), depth=parent.depth + 1,
            subtree_unions=1, **cleaned
        )
    rollup_adjust(union.path, unions=1, include_self=False)
    audit_record(actor=audit_actor(actor), action="org.create", obj=union, org_path=union.path,
                 detail={"parent": parent.pk})
    return union


@transaction.atomic
def union_update(*, actor: Any, union: TradeUnion, version: int, **fields: Any) -> TradeUnion:
    require(actor, Perm.ORG_EDIT, union.path)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("不能修改字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}),
                               field=sorted(unknown)[0])
    if not union.is_active:
        raise ValidationFailed(_("已合并或撤销的工会不能修改。"))
    cleaned = _clean_fields(actor=actor, union_pk=union.pk, data=fields)
    if "name" in cleaned and union.parent is not None:
        _check_sibling_name(union.parent, cleaned["name"], exclude_pk=union.pk)
    changed = {k: v for k, v in cleaned.items() if getattr(union, k) != v and k != "name_initials"}
    # Compare-and-set on the version: a form saved over someone else's newer edit is refused.
    with credit_code_race_guard():
        updated = TradeUnion.objects.filter(pk=union.pk, version=version).update(version=version + 1, **cleaned)
    if not updated:
        raise Conflict()
    union.refresh_from_db()
    audit_record(actor=audit_actor(actor), action="org.update", obj=union, org_path=union.path,
                 detail={"fields": sorted(changed)})
    return union


def lock_for_new_child(parent: TradeUnion) -> TradeUnion:
    """Lock `parent` to add a child under it, and hold its ancestors against a move; returns it fresh.

    A move locks only the root of the branch it moves (FOR UPDATE); a creation key-share-locks
    every ancestor of its parent first, so a creation anywhere inside a moving branch either
    commits before the move reads the branch or waits for the move and then sees the new paths.
    Key-share locks do not block the plain updates of the stored totals on the same rows. The
    ancestors are locked before the parent (a move updates the parent's row while holding the
    branch root), and again if a move changed the path meanwhile.
    """
    path = parent.path
    while True:
        hold_ancestors(path)
        parent = TradeUnion.objects.select_for_update().get(pk=parent.pk)
        if parent.path == path:
            return parent
        path = parent.path


def hold_ancestors(path: str) -> None:
    ancestors = tree.ancestor_paths(path)
    if ancestors and connection.vendor == "postgresql":  # SQLite runs one writer at a time anyway
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {TradeUnion._meta.db_table} WHERE path = ANY(%s) FOR KEY SHARE",  # noqa: S608
                           [ancestors])


def _relocate(node: TradeUnion, new_parent: TradeUnion) -> str:
    """Give `node` and its branch new paths under `new_parent` (both rows loaded under lock, so the
    branch's totals read from `node` hold until the commit); return the new path."""
    old_path = node.path
    unions, members = node.subtree_unions, node.subtree_members
    seq = new_parent.child_seq + 1
    new_path = tree.child_path(new_parent.path, seq)
    depth_delta = (new_parent.depth + 1) - node.depth
    TradeUnion.objects.filter(pk=new_parent.pk).update(child_seq=seq, child_count=F("child_count") + 1)
    TradeUnion.objects.filter(pk=node.parent_id or 0).update(child_count=F("child_count") - 1)
    TradeUnion.objects.filter(pk=node.pk).update(parent=new_parent, version=F("version") + 1)
    # Path and depth in one UPDATE: every rewritten row gets a new version in every index of the
    # table (the path is indexed, so no update of it is HOT); a second pass would double that work.
    rewrite_prefix(TradeUnion, "path", old_path, new_path, depth_delta=depth_delta)
    for model, field in copies_under(old_path):
        rewrite_prefix(model, field, old_path, new_path)
    rollup_move(old_parent_path=tree.parent_path_of(old_path), new_parent_path=new_parent.path,
                unions=unions, members=members)
    new_parent.child_seq = seq
    return new_path


@transaction.atomic
def union_move(*, actor: Any, union: TradeUnion, new_parent: TradeUnion) -> TradeUnion:
    require(actor, Perm.ORG_STRUCTURE, union.path)
    require(actor, Perm.ORG_STRUCTURE, new_parent.path)
    if union.parent_id is None:
        raise ValidationFailed(_("顶级工会不能移动。"), field="new_parent")
    if new_parent.path.startswith(union.path):
        raise ValidationFailed(_("不能把工会移动到它自己或它的下级之下。"), field="new_parent")
    if new_parent.pk == union.parent_id:
        raise ValidationFailed(_("该工会已在所选上级之下。"), field="new_parent")
    new_parent = TradeUnion.objects.select_for_update().get(pk=new_parent.pk)
    if not new_parent.is_active:
        raise ValidationFailed(_("目标上级已合并或撤销。"), field="new_parent")
    _check_level(union.level, new_parent, field="new_parent")
    _check_sibling_name(new_parent, union.name)
    # The branch root alone: creations inside the branch key-share it (lock_for_new_child).
    union = TradeUnion.objects.select_for_update().get(pk=union.pk)
    old_parent_id, old_path = union.parent_id, union.path
    _relocate(union, new_parent)
    union.refresh_from_db(fields=["path", "depth", "parent", "version"])
    audit_record(actor=audit_actor(actor), action="org.move", obj=union, org_path=union.path,
                 detail={"from_parent": old_parent_id, "to_parent": new_parent.pk, "old_path": old_path})
    return union


@transaction.atomic
def union_merge(*, actor: Any, source: TradeUnion, target: TradeUnion, on: datetime.date | None = None) -> TradeUnion:
    """Merge `source` into `target`: its sub-unions and employers move over, it is kept as merged."""
    require(actor, Perm.ORG_STRUCTURE, source.path)
    require(actor, Perm.ORG_STRUCTURE, target.path)
    if source.pk == target.pk or target.path.startswith(source.path):
        raise ValidationFailed(_("不能并入它自己或它的下级。"), field="target")
    if source.parent_id is None:
        raise ValidationFailed(_("顶级工会不能被合并。"), field="target")
    target = TradeUnion.objects.select_for_update().get(pk=target.pk)
    source = TradeUnion.objects.select_for_update().get(pk=source.pk)
    if not target.is_active or not source.is_active:
        raise ValidationFailed(_("已合并或撤销的工会不能参与合并。"), field="target")
    children = list(TradeUnion.objects.filter(parent=source).select_for_update().order_by("path"))
    for child in children:
        _check_level(child.level, target, field="target")
    for child in children:
        _relocate(child, target)
    moved = Employer.objects.filter(org_path=source.path, union=source).update(
        union=target, org_path=target.path, unionized=target.kind in GRASSROOTS_KINDS
    )
    follow_employers_at(source.path, target.path)
    TradeUnion.objects.filter(pk=source.pk).update(
        status=UnionStatus.MERGED, merged_into=target, ended_on=on or timezone.localdate(),
        version=F("version") + 1, child_count=0,
    )
    rollup_adjust(source.path, unions=-1)
    source.refresh_from_db()
    audit_record(actor=audit_actor(actor), action="org.merge", obj=source, org_path=source.path,
                 detail={"into": target.pk, "children": len(children), "employers": moved})
    return source


@transaction.atomic
def union_dissolve(*, actor: Any, union: TradeUnion, reason: str, on: datetime.date | None = None) -> TradeUnion:
    """撤销: the union ends; its employers go back to the parent, no longer counted as unionized."""
    require(actor, Perm.ORG_STRUCTURE, union.path)
    reason = clean_optional_text(reason, field="reason", max_length=200)
    if not reason:
        raise ValidationFailed(_("请填写撤销原因。"), field="reason")
    if union.parent_id is None:
        raise ValidationFailed(_("顶级工会不能撤销。"))
    union = TradeUnion.objects.select_for_update().get(pk=union.pk)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销。"))
    if TradeUnion.objects.filter(parent=union, status=UnionStatus.ACTIVE).exists():
        raise ValidationFailed(_("该工会还有正常状态的下级工会，请先将其移动、合并或撤销。"), code="has_children")
    parent = union.parent
    assert parent is not None
    released = Employer.objects.filter(org_path=union.path, union=union).update(
        union=parent, org_path=parent.path, unionized=False)
    follow_employers_at(union.path, parent.path)
    TradeUnion.objects.filter(pk=union.pk).update(
        status=UnionStatus.DISSOLVED, ended_on=on or timezone.localdate(), version=F("version") + 1
    )
    rollup_adjust(union.path, unions=-1)
    union.refresh_from_db()
    audit_record(actor=audit_actor(actor), action="org.dissolve", obj=union, org_path=union.path,
                 detail={"reason": reason, "employers_released": released})
    return union


@transaction.atomic
def union_delete(*, actor: Any, union: TradeUnion) -> None:
    """Only for a union entered by mistake: anything with records is dissolved or merged instead."""
    require(actor, Perm.ORG_STRUCTURE, union.path)
    refusal = _("该工会已有下级组织、用人单位或账号等记录，不能删除；请改用合并或撤销。")
    has_employers = Employer.objects.filter(org_path=union.path, union=union).exists()
    if union.parent_id is None or union.child_seq or has_employers:
        raise ValidationFailed(refusal, code="has_records")
    label, path, pk, parent_id, was_active = union.name, union.path, union.pk, union.parent_id, union.is_active
    try:
        with transaction.atomic():
            union.delete()
    except ProtectedError:
        raise ValidationFailed(refusal, code="has_records") from None
    TradeUnion.objects.filter(pk=parent_id).update(child_count=F("child_count") - 1)
    rollup_adjust(path, unions=-1 if was_active else 0, include_self=False)
    audit_record(actor=audit_actor(actor), action="org.delete", object_type="orgs.tradeunion", object_id=pk,
                 object_label=label, org_path=path)

