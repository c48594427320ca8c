import pytest

from gonghui.honours.tests.conftest import cadres, call, nominate  # noqa: F401  (the honours app's fixtures)


@pytest.fixture
def grassroots_nomination(world, cadres, call):  # noqa: F811
    """A worker nominated by the grassroots union, waiting at its own level."""
    return nominate(cadres.grassroots, call, world.grassroots, world.employer, name="李先进")
