"""One demo province for every module in this package, built once and rolled back afterwards.

A build takes minutes and the modules here only read it (each test's own writes, the key rotation's
for one, roll back with the test's savepoint), so they share it instead of building one each. The
package is one unit of the suite's `--dist loadgroup` (WHOLE_ON_ONE_WORKER in the root conftest): one
worker runs all its tests, back to back, and builds once; a worker that got only some would build its own."""

import pytest

from gonghui.testing.demo import demo_province

PROVINCE_SIZE = {"unions": 60, "cases": 10}  # enough large employers for every contract stage


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_province(PROVINCE_SIZE, blocker=django_db_blocker,
                       scratch=tmp_path_factory.mktemp("audit")) as province:
        yield province
