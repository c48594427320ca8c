from gonghui.reports.stats.tests.conftest import stats_world  # noqa: F401
