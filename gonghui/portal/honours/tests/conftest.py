from gonghui.honours.tests.conftest import cadres  # noqa: F401  (the fixture: a cadre at every level)
