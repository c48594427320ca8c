import pytest

from gonghui.orgs.models import Employer, TradeUnion
from gonghui.testing.world import make_credit_code

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_subtree_figures(login, world):
    page = login("county_admin").get("/").content.decode()
    assert "成都市锦江区总工会" in page and "建会率" in page and 'data-chart="chart-branches"' in page


def test_the_tree_starts_at_the_cadres_union_and_expands_on_demand(login, world):
    client = login("county_admin")
    page = client.get("/orgs/").content.decode()
    assert "成都市锦江区总工会" in page and "成都市总工会" not in page
    children = client.get(f"/orgs/{world.county.pk}/children/").content.decode()
    assert "春熙路街道工会" in children


def test_another_countys_union_answers_404_everywhere(login, world):
    client = login("county_admin")
    for url in (f"/orgs/{world.county2.pk}/", f"/orgs/{world.county2.pk}/children/",
                f"/orgs/{world.county2.pk}/edit/", f"/orgs/{world.county2.pk}/move/",
                f"/orgs/{world.county2.pk}/new/", "/orgs/999999/"):
        assert client.get(url).status_code == 404, url


def test_search_by_pinyin_initials(login, world):
    page = login("province_officer").get("/orgs/", {"q": "cxljd"}).content.decode()
    assert "春熙路街道工会" in page


def test_creating_a_sub_union_from_the_form(login, world):
    client = login("county_admin")
    response = client.post(f"/orgs/{world.county.pk}/new/", {"name": "新华街道工会", "kind": "township", "level": 5,
                                                             "region": ""})
    created = TradeUnion.objects.get(name="新华街道工会")
    assert response["Location"] == f"/orgs/{created.pk}/"
    assert created.parent == world.county


def test_a_service_refusal_is_shown_beside_the_field(login, world):
    client = login("county_admin")
    page = client.post(f"/orgs/{world.county.pk}/new/", {"name": "x", "kind": "township", "level": 3}).content.decode()
    assert "下级工会的层级必须低于上级" in page and "is-invalid" in page


def test_a_bad_credit_code_on_an_employer_is_explained(login, world):
    client = login("county_admin")
    page = client.post(f"/orgs/{world.grassroots.pk}/employers/new/", {
        "name": "测试单位", "credit_code": "91440300708461136X", "industry": "C", "ownership": "private",
        "employee_count": 10, "women_count": 2, "migrant_count": 0}).content.decode()
    assert "校验位错误" in page
    assert not Employer.objects.filter(name="测试单位").exists()


def test_registering_an_employer(login, world):
    client = login("county_admin")
    response = client.post(f"/orgs/{world.grassroots.pk}/employers/new/", {
        "name": "测试单位", "credit_code": make_credit_code(), "industry": "C", "ownership": "private",
        "employee_count": 10, "women_count": 2, "migrant_count": 0})
    employer = Employer.objects.get(name="测试单位")
    assert response["Location"] == f"/employers/{employer.pk}/"
    assert employer.unionized


def test_moving_a_union_through_the_picker(login, world):
    client = login("province_officer")
    picks = client.get("/orgs/pick/", {"q": "涪城"}).content.decode()
    assert f'value="{world.county2.pk}"' in picks
    response = client.post(f"/orgs/{world.township.pk}/move/", {"target": world.county2.pk})
    assert response.status_code == 302
    world.township.refresh_from_db()
    assert world.township.parent == world.county2


def test_a_clerk_does_not_get_structure_actions(login, world):
    client = login("county_clerk")
    page = client.get(f"/orgs/{world.township.pk}/").content.decode()
    assert "组织调整" not in page and "新增下级" not in page
    assert client.get(f"/orgs/{world.township.pk}/move/").status_code == 404
    assert client.post(f"/orgs/{world.township.pk}/dissolve/", {"reason": "x", "on": "2026-01-01"}
                       ).status_code == 404


def test_the_org_detail_page_query_count_does_not_grow_with_children(login, world, django_assert_max_num_queries):
    client = login("province_officer")
    with django_assert_max_num_queries(16):
        assert client.get(f"/orgs/{world.province.pk}/").status_code == 200


def test_a_refused_delete_is_a_message_not_an_error_page(login, world):
    # The delete button carries no fields: the service's refusal must still reach the cadre.
    client = login("province_officer")
    response = client.post(f"/orgs/{world.grassroots.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert 'alert' in response.content.decode() and TradeUnion.objects.filter(pk=world.grassroots.pk).exists()


def test_a_union_below_the_county_offers_its_roster_import_to_whoever_may_import(login, world):
    page = login("county_admin").get(f"/orgs/{world.grassroots.pk}/").content.decode()
    assert f'href="/orgs/{world.grassroots.pk}/members/roster/"' in page and "集体登记入会" in page
    # The import page names the union the roster goes into, and the way back to it.
    roster = login("county_admin").get(f"/orgs/{world.grassroots.pk}/members/roster/").content.decode()
    target = roster.split('data-testid="roster-target"')[1].split("</div>")[0]
    assert world.grassroots.name in target and world.grassroots.parent.name in target
    assert f'href="/orgs/{world.grassroots.pk}/"' in roster


def test_the_roster_import_is_not_offered_without_the_permission_to_import(login, world):
    page = login("auditor").get(f"/orgs/{world.grassroots.pk}/").content.decode()
    assert "members/roster/" not in page and 'data-testid="org-name"' in page
