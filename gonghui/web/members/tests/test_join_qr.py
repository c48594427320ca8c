import pytest

from gonghui.members.joinlinks import join_token

pytestmark = pytest.mark.django_db


def test_a_cadre_who_registers_members_sees_the_unions_join_qr_code(login, world):
    page = login("county_admin").get(f"/orgs/{world.grassroots.pk}/").content.decode()
    assert 'data-testid="join-qr-card"' in page and "data:image/svg+xml" in page
    assert f"/portal/join/{join_token(world.grassroots)}/" in page


def test_a_viewer_without_member_edit_sees_no_join_code(login, world):
    client = login("auditor")
    assert client.get(f"/orgs/{world.grassroots.pk}/").status_code == 200
    assert 'data-testid="join-qr-card"' not in client.get(f"/orgs/{world.grassroots.pk}/").content.decode()
    assert client.get(f"/orgs/{world.grassroots.pk}/join-qr/").status_code == 404


def test_the_printable_poster_carries_the_qr_link(login, world, settings):
    settings.GONGHUI_PORTAL_BASE_URL = "https://gonghui.example.org"
    page = login("county_admin").get(f"/orgs/{world.grassroots.pk}/join-qr/").content.decode()
    assert world.grassroots.name in page and "data:image/svg+xml" in page
    assert f"https://gonghui.example.org/portal/join/{join_token(world.grassroots)}/" in page


def test_another_provinces_cadre_cannot_print_the_poster(login, world):
    assert login("other_province_officer").get(f"/orgs/{world.grassroots.pk}/join-qr/").status_code == 404
