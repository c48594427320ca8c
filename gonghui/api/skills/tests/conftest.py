import pytest

from gonghui.testing.world import World, add_holding_cadres


@pytest.fixture
def world(world: World) -> World:
    return add_holding_cadres(world)
