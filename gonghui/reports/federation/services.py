"""The national tier's writes: registering the deployments whose messages this one accepts, receiving
a lower deployment's figures (a resend replaces), and sending this deployment's figures up."""

import datetime
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.core.periods import Period
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.federation import client, signing
from gonghui.reports.federation.figures import MAX_FIGURES, collect
from gonghui.reports.federation.models import FederationSend, PeerDeployment, ReceivedFigure

FIGURES_PATH = "/api/v1/federation/figures"
# After a failed send the timer waits this long before trying the same period again.
RETRY_AFTER = datetime.timedelta(hours=1)


def _system_only(actor: Any) -> None:
    # Registering a key decides whose figures this deployment believes: an operator's act on the
    # server (manage.py federation_peer), after exchanging keys out of band, never a console click.
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()


@transaction.atomic
def peer_register(*, actor: Any, code: str, name: str, public_key: str, url: str = "") -> PeerDeployment:
    _system_only(actor)
    code, name, url = (code or "").strip(), (name or "").strip(), (url or "").strip().rstrip("/")
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        raise ValidationFailed(_("部署代码应为六位行政区划代码，如 510000。"), field="code")
    if not name or len(name) > 100:
        raise ValidationFailed(_("请填写部署名称（不超过100字）。"), field="name")
    if url and (not url.startswith(("https://", "http://")) or len(url) > 200 or any(c in url for c in " \"'<>")):
        raise ValidationFailed(_("部署地址应为 https:// 开头的网址。"), field="url")
    if url.startswith("http://") and settings.PRODUCTION:
        raise ValidationFailed(_("部署地址应为 https:// 开头的网址。"), field="url")
    key = signing.parse_public_key(public_key)
    peer, created = PeerDeployment.objects.update_or_create(
        code=code, defaults={"name": name, "public_key": key, "active": True, "url": url})
    action = "federation.peer_registered" if created else "federation.peer_key_set"
    audit_record(actor=audit_actor(actor), action=action, obj=peer, object_label=str(peer), detail={"code": code})
    return peer


@transaction.atomic
def peer_set_active(*, actor: Any, code: str, active: bool) -> PeerDeployment:
    _system_only(actor)
    peer = PeerDeployment.objects.select_for_update().filter(code=code).first()
    if peer is None:
        raise NotFound()
    peer.active = active
    peer.save(update_fields=["active"])
    action = "federation.peer_activated" if active else "federation.peer_deactivated"
    audit_record(actor=audit_actor(actor), action=action, obj=peer, object_label=str(peer))
    return peer


# --- receiving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    figures: int
    changed: int


_PARTS = ("value", "numerator", "denominator")


@transaction.atomic
def figures_receive(*, peer: PeerDeployment, deployment: str, period: str, figures: list[dict[str, Any]],
                    part: tuple[int, int] = (1, 1)) -> Received:
    """Store what `peer` (the signature's deployment) sent for `period`. A figure is one per (deployment,
    period, metric, version, unit): sent again, it replaces the stored one, and `changed_at` moves only
    when a number did. A deployment writes its own figures only. A large send comes in `part`s of whole
    metrics, each stored as it arrives (docs/decisions.md: a partial send)."""
    if deployment != peer.code:
        raise PermissionDenied(msg(_("部署 %(peer)s 只能上报本部署的数据，不能写入部署 %(code)s 的数据。"),
                                   {"peer": peer.code, "code": str(deployment)[:6]}), code="not_your_deployment")
    key = Period.parse(period).key
    now = timezone.now()
    existing = {(f.metric, f.version, f.unit): f for f in
                ReceivedFigure.objects.select_for_update().filter(peer=peer, period=key)}
    seen: set[tuple[str, int, str]] = set()
    new, updated, changed = [], [], 0
    for n, item in enumerate(figures):
        ident = (item["metric"], item["version"], item["unit"])
        if ident in seen:
            raise ValidationFailed(msg(_("第%(n)s项与前面的数据重复（同一指标、版本和单位）。"), {"n": n + 1}),
                                   field=f"figures.{n}")
        seen.add(ident)
        fields = {"unit_name": item["unit_name"], "is_root": item["root"], "metric_label": item.get("label", ""),
                  "measure": item.get("measure", ""), "as_of": item["as_of"], "received_at": now,
                  **{part: item.get(part) for part in _PARTS}}
        row = existing.get(ident)
        if row is None:
            new.append(ReceivedFigure(peer=peer, period=key, metric=ident[0], version=ident[1], unit=ident[2],
                                      changed_at=now, **fields))
            continue
        if any(_differs(getattr(row, part), fields[part]) for part in _PARTS):
            row.changed_at = now
            changed += 1
        for name, value in fields.items():
            setattr(row, name, value)
        updated.append(row)
    ReceivedFigure.objects.bulk_create(new, batch_size=1000)
    ReceivedFigure.objects.bulk_update(updated, ["unit_name", "is_root", "metric_label", "measure", "as_of",
                                                 "received_at", "changed_at", *_PARTS], batch_size=1000)
    PeerDeployment.objects.filter(pk=peer.pk).update(last_seen_at=now)
    audit_record(actor=Actor.system(f"federation:{peer.code}"), action="federation.figures_received", obj=peer,
                 object_label=str(peer), detail={"period": key, "figures": len(figures), "new": len(new),
                                                 "changed": changed, "part": f"{part[0]}/{part[1]}"})
    return Received(figures=len(figures), changed=changed + len(new))


def _differs(old: Decimal | None, new: Decimal | None) -> bool:
    if old is None or new is None:
        return old is not new
    return Decimal(old) != Decimal(new)


# --- sending -----------------------------------------------------------------------------------


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    return client.post(url, body, headers)


def _reason(status: int, text: str) -> str:
    try:
        answer = json.loads(text)
        return f"{status} {answer.get('code', '')}: {answer.get('message_zh') or answer.get('message', '')}"[:300]
    except (ValueError, AttributeError):
        return f"{status}: {text}"[:300]


def split_parts(figures: list[dict[str, Any]], cap: int) -> list[list[dict[str, Any]]]:
    """Cut a send into messages of at most `cap` figures, never splitting one metric's figures (its root
    and children) unless that metric alone is over the cap: each message leaves every metric it carries
    whole and consistent on the upper side."""
    groups: list[list[dict[str, Any]]] = []
    for item in figures:
        if groups and groups[-1][0]["metric"] == item["metric"] and groups[-1][0]["version"] == item["version"]:
            groups[-1].append(item)
        else:
            groups.append([item])
    parts: list[list[dict[str, Any]]] = [[]]
    for group in groups:
        if parts[-1] and len(parts[-1]) + len(group) > cap:
            parts.append([])
        for start in range(0, len(group), cap):
            piece = group[start:start + cap]
            if parts[-1] and len(parts[-1]) + len(piece) > cap:
                parts.append([])
            parts[-1].extend(piece)
    return [part for part in parts if part] or [[]]


def federation_send(*, actor: Any, period: Period, today: datetime.date | None = None) -> FederationSend:
    """Send every metric's figures for `period` to GONGHUI_UPPER_URL, in as many signed messages as
    MAX_FIGURES needs, and log the attempt. The HTTP calls are outside any transaction: the log row
    says 发送中 while they run and the outcome afterwards (with how many parts arrived)."""
    _system_only(actor)
    upper = settings.GONGHUI_UPPER_URL
    if not upper:
        raise ValidationFailed(_("未设置上级部署地址（GONGHUI_UPPER_URL），无处上报。"), field="upper")
    log = FederationSend.objects.create(period=period.key, triggered_by=str(actor)[:150])
    try:
        code = signing.deployment_code()
        figures = collect(period=period, code=code, today=today)
        log.figures = len(figures)
        log.stored = sum(1 for f in figures if f["source"] == "stored")
        parts = split_parts(figures, MAX_FIGURES)
        log.parts, batch, sent_at = len(parts), str(uuid.uuid4()), timezone.now().isoformat()
        log.status = FederationSend.Status.SENT
        for number, part in enumerate(parts, start=1):
            body = signing.canonical_json({"deployment": code, "period": period.key, "sent_at": sent_at,
                                           "batch": batch, "part": number, "parts": len(parts), "figures": part})
            status, text = _post(upper + FIGURES_PATH, body,
                                 signing.sign(method="POST", path=FIGURES_PATH, body=body))
            log.http_status = status
            if status != 200:
                log.status, log.error = FederationSend.Status.FAILED, _reason(status, text)
                break
            log.parts_sent = number
    except (OSError, ValueError, ValidationFailed) as exc:  # unreachable, refused, timed out, not configured
        log.status, log.error = FederationSend.Status.FAILED, f"{type(exc).__name__}: {exc}"[:300]
    log.finished_at = timezone.now()
    log.save(update_fields=["status", "error", "figures", "stored", "parts", "parts_sent", "http_status",
                            "finished_at"])
    audit_record(actor=audit_actor(actor), action="federation.figures_sent", obj=log, object_label=period.key,
                 outcome="ok" if log.status == FederationSend.Status.SENT else "failed",
                 detail={"period": period.key, "figures": log.figures, "stored": log.stored, "parts": log.parts,
                         "parts_sent": log.parts_sent, "status": log.http_status})
    return log


def due_periods(today: datetime.date) -> list[Period]:
    """What the monthly send covers: the month just ended, its year and its statistical year."""
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return [Period.month(last.year, last.month), Period.year(last.year), Period.stat_year_of(last)]


def federation_send_due(*, actor: Any, today: datetime.date | None = None) -> list[FederationSend]:
    """The timer's send: each due period once a month (again after RETRY_AFTER when it failed)."""
    if not settings.GONGHUI_UPPER_URL:
        return []
    today = today or timezone.localdate()
    month_start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))
    sent = []
    for period in due_periods(today):
        attempts = FederationSend.objects.filter(period=period.key, started_at__gte=month_start)
        if attempts.filter(status=FederationSend.Status.SENT).exists():
            continue
        if attempts.filter(started_at__gte=timezone.now() - RETRY_AFTER).exists():
            continue
        sent.append(federation_send(actor=actor, period=period, today=today))
    return sent
