"""The demo province for a module of its own, built once for the module and rolled back afterwards.

The modules that read the province at the command's usual test size share one build in the
`province` package beside this file (a build takes minutes); a module here that needs another size
sets `DEMO_SIZE` at its top and builds its own, and is listed in the root conftest's
WHOLE_ON_ONE_WORKER so that one worker runs it whole."""

import pytest

from gonghui.testing.demo import demo_province

DEMO_SIZE = {"unions": 60, "cases": 10}


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    size = getattr(request.module, "DEMO_SIZE", DEMO_SIZE)
    with demo_province(size, blocker=django_db_blocker, scratch=tmp_path_factory.mktemp("audit")) as province:
        yield province
