"""Background exports: a task loads the job by id and calls the service (ARCHITECTURE §3)."""

from django_tasks import task

from gonghui.reports.services import export_job_run, export_jobs_purge


@task()
def export_job_run_task(job_id: int) -> str:
    return export_job_run(job_id=job_id).status


@task()
def export_jobs_purge_task() -> int:
    """Periodic (core.periodic): a finished export is kept for a day."""
    return export_jobs_purge()


@task()
def risk_refresh_task() -> int:
    """Periodic (core.periodic): the radar's scores, when the last refresh is old enough."""
    from gonghui.orgs.scope import SystemActor
    from gonghui.reports.risk.services import risk_refresh

    return risk_refresh(actor=SystemActor("risk-refresh"), if_due=True).employers


@task()
def metric_figures_refresh_task() -> int:
    """Periodic (core.periodic): the stored figures of the standard periods, recomputed when the last
    refresh is old enough (GONGHUI_METRIC_REFRESH_MINUTES) and no other worker is at it."""
    from gonghui.orgs.scope import SystemActor
    from gonghui.reports.metrics.rollup import refresh_metric_figures

    return refresh_metric_figures(actor=SystemActor("metric_refresh"), if_due=True)


@task()
def federation_send_task() -> int:
    """Periodic (core.periodic): the month just ended, its year and statistical year, sent up once a month."""
    from gonghui.orgs.scope import SystemActor
    from gonghui.reports.federation.services import federation_send_due

    return len(federation_send_due(actor=SystemActor("federation-send")))


@task()
def federation_nonces_prune_task() -> int:
    """Periodic (core.periodic): nonces too old to pass the clock check can no longer be replayed."""
    from gonghui.reports.federation.signing import nonces_prune

    return nonces_prune()


@task()
def cross_transfers_due_task() -> int:
    """Periodic (core.periodic): cross-deployment transfers lapse, release by themselves, and their
    messages the other side has not acknowledged are sent again."""
    from gonghui.orgs.scope import SystemActor
    from gonghui.reports.federation.transfers_in import cross_transfers_due_in
    from gonghui.reports.federation.transfers_out import cross_transfers_due_out

    out = cross_transfers_due_out(actor=SystemActor("cross-transfers"))
    return sum(out.values()) + sum(cross_transfers_due_in().values())


@task()
def cross_transfer_deliver_task(pk: int) -> bool:
    """A cross-deployment transfer's word to the other deployment, queued after the step's commit."""
    from gonghui.reports.federation.delivery import deliver

    return deliver(pk)
