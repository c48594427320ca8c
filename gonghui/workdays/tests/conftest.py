import pytest

from gonghui.orgs.scope import SystemActor
from gonghui.workdays.models import Holiday
from gonghui.workdays.selectors import calendar_changed
from gonghui.workdays.services import holidays_seed


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # A test's writes are rolled back without a commit, so nothing else would tell the process cache.
    calendar_changed()
    yield
    calendar_changed()


@pytest.fixture
def seeded(db):
    """The migration seeds the test database; a transactional test elsewhere may have flushed it."""
    if not Holiday.objects.filter(source="seeded").exists():
        holidays_seed(actor=SystemActor("tests"))
    calendar_changed()
