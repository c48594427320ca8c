from gonghui.jobs.tests.conftest import posting, regions  # noqa: F401  (shared fixtures)
