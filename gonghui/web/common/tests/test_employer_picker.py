"""The shared employer picker: search within the form's scope, choose beyond any list cap, refuse an id from outside."""

import pytest

from gonghui.skills.models import Suggestion
from gonghui.testing.world import make_employer
from gonghui.web.common.employers import PURPOSES

pytestmark = pytest.mark.django_db

SUGGESTION = {"kind": "rationalisation", "title": "改进焊接夹具", "content": "减少返工。", "proposer_name": "张三",
              "submitted_on": "2026-03-02"}
OUT_OF_SCOPE = "单位：所选单位不在您可以办理的范围内，请重新搜索选择。"


@pytest.fixture
def crowded(world):
    """A county with more employers than any select ever listed (the old cap was 300), the one wanted last by name."""
    for i in range(305):
        make_employer(world.grassroots, f"单位{i:04d}")
    return make_employer(world.grassroots, "纵横精密机械厂")


def test_an_employer_beyond_the_old_select_cap_is_found_and_chosen(world, login, crowded):
    client = login("county_admin")
    found = client.get("/employers/pick/?for=skills&employer_q=纵横").content.decode()
    assert crowded.name in found and f'value="{crowded.pk}"' in found
    response = client.post("/skills/suggestions/new/", {**SUGGESTION, "employer": crowded.pk})
    assert response.status_code == 302
    assert Suggestion.objects.get().employer == crowded


def test_it_refuses_an_employer_id_out_of_the_forms_scope_naming_the_field(world, login):
    elsewhere = make_employer(world.other_city, "贵阳某厂")
    response = login("county_admin").post("/skills/suggestions/new/", {**SUGGESTION, "employer": elsewhere.pk})
    assert response.status_code == 400 and OUT_OF_SCOPE in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_whole_credit_code_is_taken_without_any_search(world, login, crowded):
    response = login("county_admin").post("/skills/suggestions/new/", {**SUGGESTION, "employer_q": crowded.credit_code})
    assert response.status_code == 302
    assert Suggestion.objects.get().employer == crowded


def test_a_name_sent_without_a_choice_comes_back_with_its_matches_to_choose_from(world, login, crowded):
    response = login("county_admin").post("/skills/suggestions/new/", {**SUGGESTION, "employer_q": "纵横"})
    page = response.content.decode()
    assert response.status_code == 400 and "单位：请在搜索结果中选择一个单位。" in page
    assert f'type="radio" name="employer" value="{crowded.pk}"' in page
    assert not Suggestion.objects.exists()


def test_a_credit_code_out_of_scope_is_not_found(world, login):
    elsewhere = make_employer(world.other_city, "贵阳某厂")
    data = {**SUGGESTION, "employer_q": elsewhere.credit_code}
    response = login("county_admin").post("/skills/suggestions/new/", data)
    assert response.status_code == 400 and "您可以办理的单位中没有统一社会信用代码为" in response.content.decode()


@pytest.mark.parametrize("purpose", sorted(PURPOSES))
def test_the_search_answers_only_within_the_purposes_scope(world, login, purpose):
    elsewhere = make_employer(world.other_city, "贵阳某厂")
    client = login("county_admin")
    for query in (elsewhere.credit_code, "贵阳"):
        assert elsewhere.name not in client.get(f"/employers/pick/?for={purpose}&q={query}").content.decode()


def test_the_search_returns_at_most_twenty_matches(world, login, crowded):
    page = login("county_admin").get("/employers/pick/?for=skills&q=单位").content.decode()
    assert page.count('data-testid="employer-option"') == 20


def test_an_unknown_purpose_is_not_found(world, login):
    assert login("county_admin").get("/employers/pick/?for=everything&q=x").status_code == 404
