"""Rotating the field-encryption key and the blind-index key while the site runs (README "Rotating keys").

The columns are found, not listed: every `EncryptedTextField` of every installed model, and every
blind-index column a model names in its `blind_indexes` attribute (column -> how to compute it from
the row's plaintext, or None to leave a row as it is). A run walks each table by primary key in
bounded batches; each batch is one short transaction that locks its rows, rewrites them with a
queryset `.update()` by primary key (no `save()`, so `updated_at`, signals and the audit chain are
untouched) and moves the run's cursor, so a killed run resumes where it stopped.
"""

import datetime
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from gonghui.core.audit import Actor, audit_record
from gonghui.core.crypto import (
    BlindIndexes,
    EncryptedTextField,
    current_field_kid,
    current_index_kid,
    field_kids,
)
from gonghui.core.key_rotation_models import KeyRotation

BATCH = 500
# Passes over a table before a run gives up on rows that keep being written under an old key (a
# process still running with the old keyring): the error says so and the run stays resumable.
MAX_PASSES = 3
ACTOR = Actor(id=None, label="key-rotation")
Kind = KeyRotation.Kind


class StillStale(RuntimeError):
    """Rows kept arriving under an old key through every pass: the run is left unfinished, with their count."""


class KeyMismatch(RuntimeError):
    """The run was asked for another key than this process's current one (its keyring is older or newer)."""


def current_kid(kind: str) -> str:
    if kind == Kind.FIELD:
        return current_field_kid()
    if kind == Kind.INDEX:
        return current_index_kid()
    raise ValueError(f"Unknown key rotation kind {kind!r}; expected one of {sorted(Kind.values)}.")


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[str]]]:
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            yield model, columns


def index_columns() -> Iterator[tuple[type[models.Model], BlindIndexes]]:
    # `blind_index_order` first: a column keyed on another table's index (an aid grant's household)
    # is recomputed while that table still holds the old index it can be matched by.
    found = [m for m in apps.get_models() if getattr(m, "blind_indexes", None) and not m._meta.proxy]
    for model in sorted(found, key=lambda m: (getattr(m, "blind_index_order", 1), m._meta.label_lower)):
        yield model, model.blind_indexes  # type: ignore[attr-defined]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _stale(columns: list[str], kid: str) -> Q:
    """Rows with a value sealed under another key than `kid` (empty values are left alone)."""
    q = Q()
    for c in columns:
        q |= Q(**{f"{c}__gt": ""}) & ~Q(**{f"{c}__startswith": f"{kid}:"})
    return q


def start_or_resume(kind: str, *, target: str | None = None) -> KeyRotation:
    """The unfinished run towards the current key, or a new one with each table's count of rows to do.
    `target`, when given (the key the operator's command saw), must be this process's current key."""
    current = current_kid(kind)
    if target is not None and target != current:
        raise KeyMismatch(f"The {kind} key rotation was asked to move to {target!r}, but this process's current "
                          f"key is {current!r}: restart it with the same keys as the command.")
    target = current
    run = KeyRotation.objects.filter(kind=kind, target=target, finished_at=None).order_by("-pk").first()
    if run is not None:
        return run
    now = timezone.now()
    progress: dict[str, dict[str, Any]] = {}
    if kind == Kind.FIELD:
        for model, columns in encrypted_columns():
            total = model._base_manager.filter(_stale(columns, target)).count()
            progress[_label(model)] = {"cursor": 0, "done": 0, "total": total, "finished": total == 0}
    else:
        for model, _spec in index_columns():
            total = model._base_manager.count()
            progress[_label(model)] = {"cursor": 0, "done": 0, "total": total, "finished": total == 0}
    with transaction.atomic():
        run = KeyRotation.objects.create(kind=kind, target=target, progress=progress, started_at=now, updated_at=now)
        audit_record(actor=ACTOR, action=f"security.{kind}_key_rotation_started", obj=run,
                     detail={"target": target, "rows": sum(p["total"] for p in progress.values())})
    return run


def _fresh(run: KeyRotation) -> None:
    """Inside a batch's transaction: lock the run's row and re-read its progress, so two runners of one
    rotation take turns batch by batch, each going on from the other's cursor instead of overwriting it."""
    run.progress = KeyRotation.objects.select_for_update().values_list("progress", flat=True).get(pk=run.pk)


def _state(run: KeyRotation, model: type[models.Model]) -> dict[str, Any]:
    _fresh(run)
    return run.progress.setdefault(_label(model), {"cursor": 0, "done": 0, "total": 0, "finished": False})


def _save(run: KeyRotation) -> None:
    run.updated_at = timezone.now()
    KeyRotation.objects.filter(pk=run.pk).update(progress=run.progress, updated_at=run.updated_at, error="")


def _field_batch(run: KeyRotation, model: type[models.Model], columns: list[str], size: int) -> bool:
    """Re-seal one batch under the current key; False once the table has no stale row left."""
    with transaction.atomic():
        state = _state(run, model)
        if state["finished"]:
            return False
        # Read decrypted (from_db_value), written back sealed under the current key (get_prep_value).
        rows = list(model._base_manager.select_for_update().filter(_stale(columns, run.target), pk__gt=state["cursor"])
                    .order_by("pk").values_list("pk", *columns)[:size])
        for pk, *values in rows:
            model._base_manager.filter(pk=pk).update(**{c: v for c, v in zip(columns, values, strict=True) if v})
        if rows:
            state["cursor"], state["done"] = rows[-1][0], state["done"] + len(rows)
        state["finished"] = len(rows) < size
        _save(run)
    return not state["finished"]


def _index_batch(run: KeyRotation, model: type[models.Model], spec: BlindIndexes, size: int) -> bool:
    """Recompute one batch's blind indexes under the current key; False once the table is done."""
    with transaction.atomic():
        state = _state(run, model)
        if state["finished"]:
            return False
        rows = list(model._base_manager.select_for_update(of=("self",)).filter(pk__gt=state["cursor"])
                    .order_by("pk")[:size])
        for row in rows:
            changed = {}
            for column, compute in spec.items():
                value = compute(row)
                if value is not None and value != getattr(row, column):
                    changed[column] = value
            if changed:
                model._base_manager.filter(pk=row.pk).update(**changed)
        if rows:
            state["cursor"], state["done"] = rows[-1].pk, state["done"] + len(rows)
        state["finished"] = len(rows) < size
        _save(run)
    return not state["finished"]


def run_rotation(run: KeyRotation, *, batch_size: int = BATCH) -> KeyRotation:
    """Take `run` to the end; an error is recorded on the run (which stays resumable) and raised."""
    tables: list[tuple[type[models.Model], Callable[[], bool], Callable[[], int]]] = []
    if run.kind == Kind.FIELD:
        for model, columns in encrypted_columns():
            tables.append((model, partial(_field_batch, run, model, columns, batch_size),
                           partial(_field_left, model, columns, run.target)))
    else:
        for model, spec in index_columns():
            tables.append((model, partial(_index_batch, run, model, spec, batch_size),
                           partial(_index_left, model, spec, batch_size)))
    try:
        for _pass in range(MAX_PASSES):
            for _model, batch, _left in tables:
                while batch():
                    pass
            # A row written under the old key after the cursor passed it (a process not yet restarted
            # with the new keys) would be left behind: count again, and walk again any table that has one.
            left = {_label(model): n for model, _batch, count in tables if (n := count())}
            if not left:
                break
            with transaction.atomic():
                _fresh(run)
                for label in left:
                    run.progress[label].update(cursor=0, finished=False)
                _save(run)
        else:
            rows = ", ".join(f"{label} {n}" for label, n in left.items())
            raise StillStale(f"Rows still under an old key after {MAX_PASSES} passes ({rows}): restart every "
                             f"process with the new keys, then run the rotation again.")
    except Exception as exc:
        KeyRotation.objects.filter(pk=run.pk).update(error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    run.finished_at = timezone.now()
    with transaction.atomic():
        if not KeyRotation.objects.filter(pk=run.pk, finished_at=None).update(finished_at=run.finished_at):
            return run  # another runner of this rotation finished it and recorded so
        audit_record(actor=ACTOR, action=f"security.{run.kind}_key_rotation_finished", obj=run,
                     detail={"target": run.target, "rewritten": sum(p["done"] for p in run.progress.values())})
    return run


def rotate(kind: str, *, target: str | None = None, batch_size: int = BATCH) -> KeyRotation:
    return run_rotation(start_or_resume(kind, target=target), batch_size=batch_size)


def _when(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def status_lines(kind: str) -> list[str]:
    """The latest run of `kind`, table by table, for `--status`."""
    run = KeyRotation.objects.filter(kind=kind).order_by("-pk").first()
    if run is None:
        return [f"No {kind} key rotation has run."]
    state = "finished" if run.finished_at else ("failed, resumable" if run.error else "running or stopped")
    lines = [f"{kind} key rotation to {run.target!r}: {state}; started {_when(run.started_at)}, "
             f"last batch {_when(run.updated_at)}, finished {_when(run.finished_at)}"]
    if run.error:
        lines.append(f"  error: {run.error}")
    for label, p in sorted(run.progress.items()):
        mark = "done" if p["finished"] else f"at pk {p['cursor']}"
        lines.append(f"  {label}: {p['done']}/{p['total']} {mark}")
    return lines


def field_key_report() -> list[tuple[str, str, dict[str, int]]]:
    """(table, column, {old kid or "unknown": values}) for every column still holding values not under
    the current field key; empty when the old keys can be removed from GONGHUI_FIELD_KEYS."""
    current = current_field_kid()
    old = [k for k in field_kids() if k != current]
    found = []
    for model, columns in encrypted_columns():
        for column in columns:
            stale = model._base_manager.filter(_stale([column], current))
            counts = {k: stale.filter(**{f"{column}__startswith": f"{k}:"}).count() for k in old}
            counts = {k: n for k, n in counts.items() if n}
            unknown = stale.count() - sum(counts.values())
            if unknown:
                counts["unknown"] = unknown
            if counts:
                found.append((_label(model), column, counts))
    return found


def _index_off(model: type[models.Model], spec: BlindIndexes, batch_size: int) -> dict[str, int]:
    """Column -> rows of `model` whose stored index is not the current key's."""
    off = dict.fromkeys(spec, 0)
    cursor = 0
    while True:
        rows = list(model._base_manager.filter(pk__gt=cursor).order_by("pk")[:batch_size])
        for row in rows:
            for column, compute in spec.items():
                value = compute(row)
                off[column] += value is not None and value != getattr(row, column)
        if len(rows) < batch_size:
            return off
        cursor = rows[-1].pk


def _index_left(model: type[models.Model], spec: BlindIndexes, batch_size: int) -> int:
    return sum(_index_off(model, spec, batch_size).values())


def _field_left(model: type[models.Model], columns: list[str], target: str) -> int:
    return model._base_manager.filter(_stale(columns, target)).count()


def index_key_report(*, batch_size: int = BATCH) -> list[tuple[str, str, int]]:
    """(table, column, rows whose stored index is not the current key's) — every row is read and
    recomputed, so this is as slow as a rotation run (without writing)."""
    found = []
    for model, spec in index_columns():
        off = _index_off(model, spec, batch_size)
        found += [(_label(model), column, n) for column, n in off.items() if n]
    return found
