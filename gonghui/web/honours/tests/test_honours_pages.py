"""The 荣誉评选 console: every page for the roles that hold it, scope (another county's nominee is
missing), only the steps the viewer may take, refusals named with the rule and the numbers, and bad
query strings answered without a 500."""

import pytest

from gonghui.honours.choices import NominationStatus
from gonghui.honours.models import CallQuota, HonourNomination
from gonghui.honours.tests.conftest import issue, nominate, pass_here, person_id

pytestmark = pytest.mark.django_db
S = NominationStatus
LISTS = ["/honours/calls/", "/honours/nominations/", "/honours/objections/", "/honours/awards/",
         "/honours/register/"]


def test_each_page_answers_a_cadre_and_the_menu_names_honours(world, login, cadres, call, grassroots_nomination):
    client = login("county_clerk")
    for url in [*LISTS, f"/honours/calls/{call.pk}/", f"/honours/nominations/{grassroots_nomination.pk}/",
                f"/honours/calls/{call.pk}/nominate/", f"/honours/nominations/?call={call.pk}&show=waiting"]:
        assert client.get(url).status_code == 200, url
    assert "荣誉评选" in client.get("/honours/calls/").content.decode()
    listed = client.get("/honours/nominations/").content.decode()
    assert "李先进" in listed and 'data-testid="list-export"' in listed


def test_the_province_issues_a_call_and_gives_a_city_its_places(world, login, cadres):
    client = login("province_officer")
    form = client.get("/honours/calls/new/").content.decode()
    assert "省五一劳动奖章" in form and "市五一劳动奖章" not in form
    from gonghui.honours.models import AwardKind

    kind = AwardKind.objects.get(code="province_labour_medal")
    response = client.post("/honours/calls/new/", {
        "kind": kind.pk, "year": 2027, "title": "关于评选2027年省五一劳动奖章的通知", "nominations_due": "2027-03-31",
        "reviews_due": "2027-03-01", "front_line_min_pct": 60, "women_min_pct": 30, "notice_working_days": 5,
        "excluded_ranks": ["bureau"]})
    assert response.status_code == 400 and "不能早于推荐截止日期" in response.content.decode()
    response = client.post("/honours/calls/new/", {
        "kind": kind.pk, "year": 2027, "title": "关于评选2027年省五一劳动奖章的通知", "nominations_due": "2027-03-31",
        "reviews_due": "2027-04-30", "places": 20, "front_line_min_pct": 60, "women_min_pct": 30,
        "notice_working_days": 5, "excluded_ranks": ["bureau"]})
    assert response.status_code == 302
    call_url = response["Location"]
    assert client.post(call_url + "quota/", {"union": world.city.pk, "places": 3}).status_code == 302
    page = client.get(call_url).content.decode()
    assert "成都市总工会" in page and 'data-testid="progress"' in page and "厅局级及以上" in page


def test_a_county_cannot_open_or_act_on_another_countys_nomination(world, login, cadres, call,
                                                                   grassroots_nomination):
    client = login("county2_clerk")
    url = f"/honours/nominations/{grassroots_nomination.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "do/withdraw/", {"reason": "x"}).status_code == 404
    assert client.get(url + "edit/").status_code == 404
    assert "李先进" not in client.get("/honours/nominations/").content.decode()
    assert HonourNomination.objects.get(pk=grassroots_nomination.pk).status == S.PENDING


def test_a_cadre_without_the_permission_is_refused(world, login, client, call):
    for persona in ("no_grants", "auditor"):
        assert login(persona).get("/honours/nominations/").status_code == 403, persona
        client.logout()


def test_the_page_offers_only_the_steps_the_viewer_may_take(world, login, cadres, call):
    own = nominate(cadres.county, call, world.county, name="王自荐")
    client = login("county_clerk")
    page = client.get(f"/honours/nominations/{own.pk}/").content.decode()
    assert 'data-testid="do-check"' in page and 'data-testid="do-withdraw"' in page
    assert 'data-testid="do-return"' not in page  # the nominating level withdraws; it cannot return
    assert own.id_masked in page and own.id_number not in page


def test_a_posted_step_the_viewer_may_not_take_is_refused_with_its_message(world, login, cadres, call):
    own = nominate(cadres.county, call, world.county, name="王自荐")
    client = login("county_clerk")
    response = client.post(f"/honours/nominations/{own.pk}/do/return/", {"reason": "材料不全", "version": own.version})
    assert response.status_code == 400
    assert "推荐单位不能退回自己的推荐对象" in response.content.decode()
    assert HonourNomination.objects.get(pk=own.pk).status == S.PENDING


def test_a_pass_before_the_check_is_refused_on_its_form_then_the_check_lets_it_through(world, login, cadres, call):
    own = nominate(cadres.county, call, world.county, name="王自荐")
    client = login("county_clerk")
    url = f"/honours/nominations/{own.pk}/do/"
    response = client.post(url + "pass/", {"version": own.version})
    assert response.status_code == 400 and "请先完成本级核查" in response.content.decode()
    assert client.post(url + "check/", {"decision": "concern", "note": ""}).status_code == 400
    assert client.post(url + "check/", {"decision": "clear", "note": ""}).status_code == 302
    own.refresh_from_db()
    assert client.post(url + "pass/", {"version": own.version}).status_code == 302
    assert HonourNomination.objects.get(pk=own.pk).status == S.SELECTED
    assert CallQuota.objects.get(call=call, union=world.county).used == 1
    page = client.get(f"/honours/nominations/{own.pk}/").content.decode()
    assert 'data-testid="finding-' in page or 'data-testid="screening-clear"' in page
    assert "核查无问题，同意推荐" in page and 'data-testid="timeline"' in page


def test_submitting_a_list_that_breaks_the_womens_share_names_the_rule_and_the_numbers(world, login, cadres):
    c = issue(world, women_min_pct=50)
    from gonghui.honours.services import call_quota_set

    call_quota_set(actor=world.province_officer, call=c, union=world.county, places=2)
    man = nominate(cadres.county, c, world.county, name="赵师傅", id_number=person_id(female=False))
    pass_here(cadres.county, man)
    client = login("county_clerk")
    page = client.get(f"/honours/calls/{c.pk}/").content.decode()
    assert 'data-testid="list-problems"' in page and "女性占比为0.0%（0/1人）" in page
    response = client.post(f"/honours/calls/{c.pk}/submit/", follow=True)
    assert "女性占比为0.0%（0/1人），低于评选通知要求的50%" in response.content.decode()
    assert HonourNomination.objects.get(pk=man.pk).at_union_id == world.county.pk


def test_nominating_through_the_form_keeps_the_id_masked(world, login, cadres, call):
    client = login("grassroots_clerk")
    number = person_id(female=True)
    response = client.post(f"/honours/calls/{call.pk}/nominate/", {
        "union": world.grassroots.pk, "name": "陈巧手", "id_number": number, "post": "焊工", "category": "front_line",
        "rank": "none", "employer": world.employer.pk, "deeds": "技术革新三项。", "employer_opinion": "同意"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    assert "陈巧手" in page and number not in page
    again = client.post(f"/honours/calls/{call.pk}/nominate/", {
        "union": world.grassroots.pk, "name": "陈巧手", "id_number": number, "post": "焊工", "category": "front_line",
        "rank": "none", "deeds": "技术革新三项。", "employer_name": "某厂"})
    assert again.status_code == 400 and "同一评选中不能重复推荐" in again.content.decode()
    assert number not in again.content.decode().replace(f'value="{number}"', "")


def test_a_returned_nomination_shows_its_reason_and_counts_on_the_home_page(world, login, cadres, call,
                                                                          grassroots_nomination):
    from gonghui.honours.services import level_list_submit, nomination_return

    pass_here(cadres.grassroots, grassroots_nomination)
    level_list_submit(actor=cadres.grassroots, call=call, union=world.grassroots)
    grassroots_nomination.refresh_from_db()
    nomination_return(actor=cadres.county, nomination=grassroots_nomination, reason="事迹材料过于简略")
    client = login("grassroots_clerk")
    home = client.get("/").content.decode()
    assert 'data-testid="todo-honours.returned"' in home and 'href="/honours/nominations/?show=returned"' in home
    listed = client.get("/honours/nominations/?show=returned").content.decode()
    assert "李先进" in listed and "事迹材料过于简略" in listed


@pytest.mark.parametrize("url", [
    "/honours/calls/?year=abc&status=nope&show=x", "/honours/nominations/?show=zzz&call=abc&status=x&page=-1",
    "/honours/nominations/?call=999999", "/honours/objections/?unanswered=maybe", "/honours/awards/?year=1&level=x",
    "/honours/register/?level=x&status=y&hardship=2&q=" + "x" * 300, "/honours/calls/999999/",
    "/honours/nominations/999999/", "/honours/register/999999/", "/honours/awards/999999/"])
def test_bad_query_strings_never_500(world, login, url):
    assert login("county_clerk").get(url).status_code in (200, 404)


def test_an_unknown_step_goes_back_to_the_page(world, login, cadres, call, grassroots_nomination):
    response = login("county_clerk").post(f"/honours/nominations/{grassroots_nomination.pk}/do/explode/")
    assert response.status_code == 302


def test_a_nomination_refuses_an_employer_outside_the_nominating_scope_naming_the_field(world, login, cadres, call):
    from gonghui.testing.world import make_employer

    elsewhere = make_employer(world.other_city, "贵阳某厂")
    response = login("grassroots_clerk").post(f"/honours/calls/{call.pk}/nominate/", {
        "union": world.grassroots.pk, "name": "陈巧手", "id_number": person_id(female=True), "rank": "none",
        "employer": elsewhere.pk, "deeds": "技术革新三项。"})
    assert response.status_code == 400
    assert "工作单位（用人单位名录）：所选单位不在您可以办理的范围内" in response.content.decode()
    assert not HonourNomination.objects.filter(name="陈巧手").exists()
