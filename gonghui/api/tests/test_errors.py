"""One error shape for every failure, in both languages, and never a 500 for bad input."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict

pytestmark = pytest.mark.django_db

SHAPE = {"code", "field", "message", "message_zh", "message_en"}
ENGLISH_CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.mo"


def in_english(message):
    with translation.override("en"):
        return str(message)


def test_a_domain_error_carries_its_status_code_field_and_both_languages(world, api_as):
    api = api_as("county_admin")
    api.patch(f"/orgs/{world.township.pk}", {"version": 1, "address": "一号"})
    response = api.patch(f"/orgs/{world.township.pk}", {"version": 1, "address": "二号"})
    body = response.json()
    assert response.status_code == 409
    assert set(body) == SHAPE
    assert body["code"] == "conflict"
    assert body["message"] == body["message_zh"] == "记录已被他人修改，请刷新后重试。"
    assert body["message_en"] == in_english(Conflict.default_message())


def test_the_message_follows_the_chosen_language(world, api_as):
    api = api_as("county_admin")
    api.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = api.get("/orgs/987654321").json()
    assert body["message"] == body["message_en"]


@pytest.mark.skipif(not ENGLISH_CATALOG.exists(), reason="the English catalog is not written yet")
def test_the_english_message_is_english(world, api_as):
    body = api_as("county_admin").get("/orgs/abc").json()
    assert body["message_en"] != body["message_zh"]
    assert "org_id" in body["message_en"]


def test_request_validation_is_422_in_the_same_shape_naming_each_field(world, api_as):
    response = api_as("county_admin").post("/orgs", {"parent_id": "x", "name": "", "kind": "federation",
                                                     "level": 6, "colour": "red"})
    body = response.json()
    assert response.status_code == 422
    assert set(body) == SHAPE | {"errors"}
    assert body["code"] == "invalid_input"
    assert body["field"] == "parent_id"
    assert body["message_zh"] == "字段 parent_id 应为整数。"
    assert body["message_en"] == in_english(_("字段 %(field)s 应为整数。")) % {"field": "parent_id"}
    assert [e["field"] for e in body["errors"]] == ["parent_id", "name", "colour"]
    assert body["errors"][2]["message_zh"] == "不支持字段 colour。"
    assert body["errors"][2]["code"] == "extra_forbidden"


def test_a_missing_field_is_named(world, api_as):
    body = api_as("county_admin").post("/orgs", {"name": "丁工会"}).json()
    assert body["field"] == "parent_id"
    assert body["message_zh"] == "缺少必填字段 parent_id。"


def test_a_body_that_is_not_json_is_a_400_in_the_same_shape(world, api_as):
    api = api_as("county_admin")
    response = api.client.post("/api/v1/orgs", "{not json", content_type="application/json", headers=api.headers)
    assert response.status_code == 400
    assert set(response.json()) == SHAPE
    assert response.json()["code"] == "bad_request"


def test_a_json_body_that_is_not_an_object_is_refused(world, api_as):
    response = api_as("county_admin").post("/orgs", ["parent_id", 1])
    assert response.status_code == 422


@pytest.mark.parametrize(("path", "params"), [
    ("/orgs/99999999999999999999999", {}),
    ("/orgs/-1", {}),
    ("/orgs", {"parent": "１２"}),
    ("/orgs", {"limit": "0"}),
    ("/orgs", {"offset": str(2**70)}),
    ("/orgs/search", {"q": "锦江\x00"}),
    ("/orgs/search", {"q": "x" * 101}),
    ("/employers", {"unionized": "maybe"}),
    ("/regions", {"parent": "51000\x00"}),
])
def test_hostile_query_input_is_refused_not_crashed_on(world, api_as, path, params):
    response = api_as("province_officer").get(path, **params)
    assert response.status_code == 422
    assert response.json()["field"]


@pytest.mark.parametrize("body", [
    {"version": 2**40},
    {"version": 1, "name": "名\x00称"},
    {"version": 1, "name": "\ud800"},
    {"version": 1, "region": "51010４"},
    {"version": 1, "founded_on": "2023年5月1日"},
    {"version": 1, "kind": ["township"]},
    {"version": True, "legal_person": "yes please"},
])
def test_hostile_bodies_are_refused_not_crashed_on(world, api_as, body):
    response = api_as("province_officer").patch(f"/orgs/{world.township.pk}", body)
    assert response.status_code == 422, response.content


def test_a_region_that_does_not_exist_is_the_services_400(world, api_as):
    response = api_as("province_officer").patch(f"/orgs/{world.township.pk}", {"version": 1, "region": "999999"})
    assert (response.status_code, response.json()["field"]) == (400, "region")


def test_an_unknown_address_under_the_api_is_not_a_500(world, api_as):
    assert api_as("province_officer").get("/nowhere").status_code == 404


def _three_megabytes() -> str:
    return json.dumps({"username": "x" * (3 * 1024 * 1024), "password": "y"})


def test_a_body_over_the_limit_is_413_in_the_same_shape_even_anonymous(anonymous):
    response = anonymous.client.post("/api/v1/auth/token", _three_megabytes(), content_type="application/json")
    body = response.json()
    assert response.status_code == 413
    assert set(body) == SHAPE and body["code"] == "too_large" and "2.5 MB" in body["message_zh"]


def test_a_body_over_the_limit_is_413_on_an_authenticated_write(world, api_as):
    api = api_as("county_admin")
    response = api.client.post("/api/v1/orgs", _three_megabytes(), content_type="application/json",
                               headers=api.headers)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_body_over_the_limit_is_413_under_debug_too(anonymous, settings):
    # ninja answers an exception it has no handler for with a traceback under DEBUG.
    settings.DEBUG = True
    response = anonymous.client.post("/api/v1/auth/token", _three_megabytes(), content_type="application/json")
    assert response.status_code == 413 and "Traceback" not in response.content.decode()
