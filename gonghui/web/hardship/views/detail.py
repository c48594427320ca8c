"""The file page (困难职工档案): the worker and household, the assessment, aid received, re-checks,
documents and the timeline, with a form for each step the cadre may take next.

Personal data stays masked on this page: identity numbers, the phone, each member's income and
health notes are shown in full only after 显示完整信息 (file_reveal), once, and each value shown
leaves an access-log row through the registry's reveal service.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from gonghui.aid.amounts import is_paid
from gonghui.aid.selectors import grants_of_file
from gonghui.assistance.choices import Action, Cause, RecheckResult, Relation, Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import FileHistory, hardship_get, hardship_history
from gonghui.assistance.services.lifecycle import FILED_RESULTS, WATCH_RESULTS
from gonghui.core import session_values
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.mutualaid.selectors import MemberMutualAid, member_mutual_aid
from gonghui.orgs.scope import Scope, scope_for_any
from gonghui.web.common.views import can, not_found_as_404
from gonghui.web.hardship import forms as f
from gonghui.web.hardship.views.common import (
    available_actions,
    hardship_scope,
    may_edit_household,
    needs_hardship_permission,
)

GRANT_LIMIT = 50
BATCH_PAGE_PERMS = (Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.HARDSHIP_APPROVE)
REVEALED_KEY = "hardship-revealed-"
FORMS: dict[str, type[forms.Form]] = {
    Action.APPLY: f.NoteForm, Action.REVIEW: f.NoteForm, Action.APPROVE: f.NoteForm, Action.FILE_OPEN: f.NoteForm,
    Action.CLOSE: f.NoteForm, Action.REJECT: f.ReasonForm, Action.WITHDRAW: f.ReasonForm,
    Action.RECHECK: f.RecheckForm, Action.EXIT: f.ExitForm, Action.RELAPSE: f.RelapseForm,
    Action.CONSENT: f.ConsentForm, Action.ATTACH: f.AttachForm,
}
# A destructive step asks before it is taken.
CONFIRM = {Action.REJECT, Action.WITHDRAW, Action.EXIT, Action.RELAPSE, Action.CLOSE}


def recheck_results(file: HardshipFile) -> list[str]:
    return sorted(WATCH_RESULTS if file.status == Status.WATCHED else FILED_RESULTS,
                  key=list(RecheckResult.values).index)


def blank_form(action: str, file: HardshipFile, data: Any = None, files: Any = None) -> forms.Form:
    kwargs: dict[str, Any] = {"initial": {"version": file.version}, "auto_id": f"id_{action}_%s"}
    if action == Action.RECHECK:
        kwargs["results"] = recheck_results(file)
    if action == Action.CONSENT:
        kwargs["initial"].update(consent_signer=file.consent_signer or file.worker_name)
    return FORMS[action](data, files, **kwargs)


def household_shown(file: HardshipFile, history: FileHistory, revealed: dict[str, Any]) -> list[dict[str, Any]]:
    """The household as the page shows it: masked unless just revealed. Built here, so the template
    never touches a decrypted field by mistake."""
    shown = revealed.get("household", {})
    rows = []
    for m in history.household:
        full = shown.get(str(m.pk), {})
        id_shown = full.get("id_number") or m.id_masked
        if not id_shown and m.relation == Relation.SELF:
            # The worker's own row often leaves the number to the file, which holds it already.
            id_shown = revealed.get("worker_id_number") or file.worker_id_masked
        rows.append({"pk": m.pk, "relation": m.get_relation_display(), "name": m.name,
                     "id_type": m.get_id_type_display(), "id_shown": id_shown,
                     "id_revealed": "id_number" in full, "income": full.get("annual_income"),
                     "has_health_notes": bool(m.health_notes), "health_notes": full.get("health_notes")})
    return rows


def _timeline(history: FileHistory) -> list[dict[str, Any]]:
    labels = dict(Status.choices)
    return [{"action": e.get_action_display(), "code": e.action, "old": labels.get(e.old_status, ""),
             "new": labels.get(e.new_status, ""), "actor": e.actor_label, "at": e.at, "note": e.note}
            for e in reversed(history.events)]


def _assessment_reasons(file: HardshipFile) -> list[str]:
    # Stored in both languages when the household was assessed; shown in the reader's.
    language = "en" if (translation.get_language() or "").startswith("en") else "zh"
    return [r.get(language) or r.get("zh", "") for r in file.assessment_reasons if isinstance(r, dict)]


def _mutual_aid(scope: Scope, file: HardshipFile) -> MemberMutualAid | None:
    if file.member is None:
        return None
    try:
        return member_mutual_aid(scope=scope, member=file.member)
    except NotFound:
        return None  # the member has moved out of the viewer's reach: their cover is not ours to show


def _aid_totals(grants: list[Any]) -> dict[str, Any]:
    paid = [g for g in grants if is_paid(g)]
    return {"times": len(paid), "amount": sum((g.cash + g.goods_value for g in paid), Decimal(0))}


@needs_hardship_permission()
@not_found_as_404
def file_detail_page(request: HttpRequest, pk: int, failed: dict[str, forms.Form] | None = None) -> HttpResponse:
    view_scope = hardship_scope(request)
    file = hardship_get(scope=view_scope, pk=pk)
    history = hardship_history(file=file)
    revealed: dict[str, Any] = session_values.take(request.session, f"{REVEALED_KEY}{file.pk}") or {}
    actions = available_actions(request, file)
    for action, form in (failed or {}).items():
        if action not in actions:
            # A step this cadre cannot take here has no form on the page to carry its refusal.
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
    action_forms = [(a, Action(a).label, (failed or {}).get(a) or blank_form(a, file), a in CONFIRM)
                    for a in actions]
    grants = list(grants_of_file(scope=view_scope, hardship_file_id=file.pk)[:GRANT_LIMIT])
    open_action = next(iter(failed or {}), "") or request.GET.get("open", "")
    return render(request, "hardship/detail.html", {
        "file": file, "history": history, "household": household_shown(file, history, revealed),
        "revealed": revealed, "timeline": _timeline(history),
        "reasons": _assessment_reasons(file), "grants": grants, "aid": _aid_totals(grants),
        "mutual_aid": _mutual_aid(view_scope, file), "forms": action_forms, "open_action": open_action,
        "can_reveal": can(request, Perm.HARDSHIP_REVEAL, file.org_path),
        # Links into the aid and mutual-aid pages, for those who may open them.
        "can_open_batches": not scope_for_any(request.user, BATCH_PAGE_PERMS).is_empty,
        "can_open_plans": not hardship_scope(request, Perm.MUTUAL_AID_MANAGE).is_empty,
        "can_edit_household": may_edit_household(request, file),
        "reviewer_blocks_approval": (file.status == Status.REVIEWED and file.reviewed_by_id == request.user.pk),
        "reveal_form": f.RevealForm(), "today": timezone.localdate(),
        "causes": [Cause(c).label for c in history.causes],
        "class_differs": bool(file.hardship_class and file.suggested_class != file.hardship_class),
        "later_files": [c for c in history.chain if c.pk != file.pk],
    }, status=400 if failed else 200)
