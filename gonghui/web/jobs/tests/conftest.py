from gonghui.jobs.tests.conftest import county2_employer, posting, regions  # noqa: F401  (shared fixtures)
