"""The figures page shows the two wage flags with their exports."""

import pytest

from gonghui.contracts.services import minimum_wage_set
from gonghui.contracts.tests.conftest import D, in_force
from gonghui.orgs.models import Region
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db


def test_the_figures_page_lists_both_flags(world, login):
    city = Region.objects.create(adcode="510100", name="成都市", level=2, dataset="test")
    minimum_wage_set(actor=SYSTEM, region=city, monthly="2100", effective_from=D(2022, 4, 1), source="演示")
    employer = make_employer(world.grassroots, "低薪单位", region=city)
    in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.lowest_paid": "1500"})
    page = login("grassroots_clerk").get(f"/contracts/figures/?union={world.county.pk}").content.decode()
    section = page.split('data-testid="below-minimum"')[1].split("</section>")[0]
    assert "低薪单位" in section and "contracts.below_minimum" in section
    assert 'data-testid="below-median"' in page
