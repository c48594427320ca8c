"""Division codes on console pages read as places (成都市锦江区), old codes too."""

import pytest

from gonghui.assistance.models import HardshipFile
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM
from gonghui.web.hardship.tests.hardship_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.templatetags.console import region_name

pytestmark = pytest.mark.django_db


def test_the_file_page_names_the_area_not_only_its_code(world, survey, login):
    regions_load(actor=SYSTEM, towns=False)
    file = survey(name="王困难")
    text = login("county_clerk").get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="area"' in text and "成都市锦江区" in text and "510104" in text
    # A file kept from before 郫县 became 郫都区 still names its place.
    HardshipFile.objects.filter(pk=file.pk).update(adcode="510124")
    text = login("county_clerk").get(f"/hardship/{file.pk}/").content.decode()
    assert "成都市郫县（今郫都区）" in text


def test_an_unknown_code_is_shown_as_it_is():
    assert region_name("999999") == "999999"
    assert region_name("") == ""
