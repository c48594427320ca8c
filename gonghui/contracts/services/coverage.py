"""Turning a contract's coverage rows on and off as it enters and leaves force, and the
per-employer rollup the figures read (`EmployerCoverage`)."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.models import CollectiveContract, Coverage, EmployerCoverage
from gonghui.core.errors import ValidationFailed, msg


def refresh_employer_coverage(employer_ids: Iterable[int]) -> None:
    """Rewrite the rollup rows of these employers from their coverage rows in force."""
    ids = sorted(set(employer_ids))
    if not ids:
        return
    rows: dict[int, list[tuple[int, bool, bool, str]]] = {}
    for employer_id, workers, own, is_wage, path in (
            Coverage.objects.filter(employer_id__in=ids, in_force=True)
            .values_list("employer_id", "workers_covered", "own", "kind__is_wage", "org_path")):
        rows.setdefault(employer_id, []).append((workers, own, is_wage, path))
    EmployerCoverage.objects.filter(employer_id__in=[i for i in ids if i not in rows]).delete()
    rollup = []
    for employer_id, items in rows.items():
        own = [w for w, is_own, _w, _p in items if is_own]
        # The employer's own contract takes precedence over a regional one in the figures.
        workers = max(own) if own else max(w for w, *_ in items)
        rollup.append(EmployerCoverage(employer_id=employer_id, org_path=items[0][3], workers_covered=workers,
                                       contracts=len(items), has_wage=any(w for _w, _o, w, _p in items),
                                       has_own=bool(own)))
    # One statement however many employers a regional contract covers.
    EmployerCoverage.objects.bulk_create(rollup, update_conflicts=True, unique_fields=["employer"],
                                         update_fields=["org_path", "workers_covered", "contracts", "has_wage",
                                                        "has_own"])


def _clash(contract: CollectiveContract) -> Coverage | None:
    rows = list(contract.coverage.values_list("employer_id", flat=True))
    found = (Coverage.objects.filter(employer_id__in=rows, kind_id=contract.kind_id,
                                     own=contract.reach == "employer", in_force=True)
             .exclude(contract=contract)
             # Any clash names one; unordered, so the partial unique index answers, not a walk in id order.
             .select_related("employer", "contract", "kind").order_by()[:1])
    return next(iter(found), None)


def clash_message(row: Coverage) -> ValidationFailed:
    return ValidationFailed(msg(_("用人单位“%(employer)s”已有生效的%(kind)s集体合同“%(title)s”，同一种类同一时间只能"
                                  "有一份生效（区域性、行业性合同与本单位合同分别计）。请先终止或待其到期。"), {
        "employer": row.employer.name, "kind": row.kind.name, "title": row.contract.title}),
        field="coverage", code="second_in_force")


def set_in_force(contract: CollectiveContract, in_force: bool) -> None:
    """Inside the caller's transaction. Entering force is refused, naming the employer, when another
    contract of the kind is already in force for it; the database's partial unique index is the
    guarantee, the look-up before it gives the message."""
    if in_force:
        row = _clash(contract)
        if row is not None:
            raise clash_message(row)
    try:
        with transaction.atomic():
            contract.coverage.update(in_force=in_force)
    except IntegrityError:
        row = _clash(contract)
        if row is None:
            raise
        raise clash_message(row) from None
    refresh_employer_coverage(contract.coverage.values_list("employer_id", flat=True))


def set_out_of_force(contract_ids: list[int]) -> None:
    """Many contracts leaving force at once (the sweep's expiries), inside the caller's transaction:
    leaving never clashes, so one update and one refresh of the employers they covered."""
    rows = Coverage.objects.filter(contract_id__in=contract_ids)
    employers = list(rows.values_list("employer_id", flat=True))
    rows.update(in_force=False)
    refresh_employer_coverage(employers)
