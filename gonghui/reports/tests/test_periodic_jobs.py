"""Every job the reports app puts on the periodic timer is a task that can be queued."""

from gonghui.core.periodic import _JOBS, periodic_jobs


def test_every_periodic_job_of_every_app_can_be_queued():
    jobs = periodic_jobs()
    assert set(jobs) == set(_JOBS)
    assert {"metric_figures_refresh", "risk_refresh", "export_jobs_purge"} <= set(jobs)
