"""The radar's console pages as the county cadre: the ranked list with each component said in words,
the drill-down to the employer's cases, an alert answered, an employer listed from an alert through
the orgs service, and the rules only for the root."""

from django.urls import reverse

from gonghui.cases.choices import Category
from gonghui.orgs.models import EmployerRiskListing
from gonghui.orgs.scope import SystemActor
from gonghui.reports.risk.choices import AlertStatus
from gonghui.reports.risk.services import risk_refresh
from gonghui.reports.risk_models import RiskAlert
from gonghui.reports.tests.risk_helpers import case_about, covered
from gonghui.testing.world import make_employer


def _radar(world):
    there = make_employer(world.county2, "外区高风险单位")
    for e in (world.employer, there):
        for _ in range(5):
            case_about(e, category=Category.WAGES)
    risk_refresh(actor=SystemActor("test"))
    return there


def test_the_county_radar_lists_its_employers_with_each_component_in_words_and_no_other_county(client, world):
    there = _radar(world)
    client.force_login(world.people["county_admin"])
    page = client.get(reverse("web:risk_radar")).content.decode()
    assert world.employer.name in page and there.name not in page
    assert "其中欠薪5件" in page and "数据截至" in page
    assert f"employer={world.employer.pk}" in page


def test_the_radar_leaves_out_employers_with_nothing_against_them_unless_the_cadre_asks_for_all(client, world):
    clean = make_employer(world.grassroots, "守法经营单位")  # a live union, a contract with its 工资专项
    covered(clean, has_wage=True)
    _radar(world)
    client.force_login(world.people["county_admin"])
    ranked = client.get(reverse("web:risk_radar")).content.decode()
    assert world.employer.name in ranked and clean.name not in ranked
    assert 'name="all" value="1"' in ranked
    everyone = client.get(reverse("web:risk_radar"), {"all": "1"}).content.decode()
    assert everyone.index(world.employer.name) < everyone.index(clean.name)  # still ranked, the zero last


def test_the_case_list_drills_down_to_one_employer(client, world):
    other = make_employer(world.grassroots, "无关单位")
    mine = case_about(world.employer)
    theirs = case_about(other)
    client.force_login(world.people["county_admin"])
    page = client.get(reverse("web:case_queue"), {"queue": "all", "employer": world.employer.pk}).content.decode()
    assert mine.number in page and theirs.number not in page


def test_listing_from_an_alert_goes_through_the_orgs_service_and_closes_the_alert(client, world):
    _radar(world)
    alert = RiskAlert.objects.get(employer=world.employer)
    client.force_login(world.people["county_admin"])
    url = reverse("web:risk_list_employer", args=[world.employer.pk])
    form = client.get(url).content.decode()
    assert 'value="wage_arrears" selected' in form
    client.post(url, {"reason": "wage_arrears", "note": "近期欠薪诉求集中。"})
    listing = EmployerRiskListing.objects.get(employer=world.employer)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.LISTED and alert.listing_id == listing.pk
    # the orgs service refuses a second listing, and the page says so
    again = client.post(url, {"reason": "wage_arrears", "note": ""})
    assert again.status_code == 400 and "不能重复列入" in again.content.decode()


def test_an_alert_is_dismissed_with_a_reason_and_not_twice(client, world):
    _radar(world)
    alert = RiskAlert.objects.get(employer=world.employer)
    client.force_login(world.people["county_admin"])
    url = reverse("web:risk_alert", args=[alert.pk])
    assert client.post(url, {"status": "dismissed", "reason": ""}).status_code == 400
    client.post(url, {"status": "dismissed", "reason": "经核实已足额发放工资。"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED and alert.reason == "经核实已足额发放工资。"


def test_only_the_root_cadre_opens_the_rules_page(client, world):
    client.force_login(world.people["county_admin"])
    assert client.get(reverse("web:risk_rules")).status_code == 403
    client.force_login(world.people["national_admin"])
    assert client.get(reverse("web:risk_rules")).status_code == 200
    bad = client.post(reverse("web:risk_rules"), {"threshold": "abc"})
    assert bad.status_code == 400 and "预警分数线须为" in bad.content.decode()


def test_the_employer_page_shows_its_score_card(client, world):
    _radar(world)
    client.force_login(world.people["county_admin"])
    page = client.get(reverse("web:employer_detail", args=[world.employer.pk])).content.decode()
    assert 'data-testid="radar-card"' in page and "其中欠薪5件" in page
