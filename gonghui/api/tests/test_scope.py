"""Every endpoint against personas: out of scope looks exactly like missing (404), in scope without
the permission is 403, and nobody gets anything without credentials (401)."""

import re

import pytest

from gonghui.api.urls import api
from gonghui.reports.federation.signing import CHALLENGE
from gonghui.testing.world import make_credit_code

pytestmark = pytest.mark.django_db

MISSING = 987_654_321


def requests_on(w, target, other):
    """(method, path, body) for every endpoint, aimed at `target` (a union) and its employer."""
    employer = {"union_id": target, "credit_code": make_credit_code(), "name": "乙公司", "industry": "C",
                "ownership": "private"}
    return [
        ("get", f"/orgs?parent={target}", None),
        ("get", f"/orgs/search?q=%E6%80%BB&within={target}", None),
        ("get", f"/orgs/{target}", None),
        ("get", f"/orgs/{target}/summary", None),
        ("post", "/orgs", {"parent_id": target, "name": "丙工会", "kind": "enterprise", "level": 6}),
        ("patch", f"/orgs/{target}", {"version": 1, "address": "新地址"}),
        ("post", f"/orgs/{target}/move", {"new_parent_id": other}),
        ("post", f"/orgs/{target}/merge", {"target_id": other}),
        ("post", f"/orgs/{target}/dissolve", {"reason": "撤销"}),
        ("delete", f"/orgs/{target}", None),
        ("get", f"/employers?union={target}", None),
        ("post", "/employers", employer),
    ]


def call(client, method, path, body):
    if method == "get":
        return client.client.get("/api/v1" + path, headers=client.headers)
    return client.send(method, path, body)


def test_another_province_sees_sichuan_objects_as_missing(world, api_as):
    client = api_as("other_province_officer")
    own = world.other_city.pk
    for method, path, body in [
        *requests_on(world, world.county.pk, own),
        ("get", f"/employers/{world.employer.pk}", None),
        ("patch", f"/employers/{world.employer.pk}", {"version": 1, "address": "新地址"}),
    ]:
        response = call(client, method, path, body)
        assert response.status_code == 404, (method, path, response.content)
        missing = call(client, method, path.replace(str(world.county.pk), str(MISSING))
                       .replace(f"/employers/{world.employer.pk}", f"/employers/{MISSING}"), body)
        assert response.json() == missing.json(), (method, path)


def test_another_province_cannot_reach_into_sichuan_from_its_own_unions(world, api_as):
    client = api_as("other_province_officer")
    own = world.other_city.pk
    for method, path, body, field in [
        ("post", f"/orgs/{own}/move", {"new_parent_id": world.province.pk}, "new_parent_id"),
        ("post", f"/orgs/{own}/merge", {"target_id": world.city.pk}, "target_id"),
    ]:
        response = call(client, method, path, body)
        assert (response.status_code, response.json()["field"]) == (404, field)


def test_another_province_lists_and_searches_only_its_own(world, api_as):
    client = api_as("other_province_officer")
    assert [u["id"] for u in client.get("/orgs").json()["items"]] == [world.other_province.pk]
    assert client.get("/orgs/search", q="锦江").json() == {"items": [], "count": 0}
    assert client.get("/employers").json() == {"items": [], "count": 0}


def test_a_county_clerk_may_not_change_the_org_tree(world, api_as):
    client = api_as("county_clerk")
    for method, path, body in requests_on(world, world.township.pk, world.county.pk)[4:10]:
        response = call(client, method, path, body)
        assert response.status_code == 403, (method, path, response.content)
        assert response.json()["code"] == "forbidden"


def test_a_county_clerk_sees_nothing_outside_the_county(world, api_as):
    client = api_as("county_clerk")
    for method, path, body in requests_on(world, world.county2.pk, world.county.pk):
        assert call(client, method, path, body).status_code == 404, (method, path)


def test_an_auditor_may_read_employers_but_not_write_them(world, api_as):
    client = api_as("auditor")
    assert client.get(f"/employers/{world.employer.pk}").status_code == 200
    employer = requests_on(world, world.township.pk, world.county.pk)[-1]
    assert call(client, *employer).status_code == 403
    assert client.patch(f"/employers/{world.employer.pk}", {"version": 1, "address": "x"}).status_code == 403


def test_an_account_without_grants_sees_nothing_not_even_its_own_union(world, api_as):
    client = api_as("no_grants")
    assert client.get("/orgs").json() == {"items": [], "count": 0}
    assert client.get(f"/orgs/{world.grassroots.pk}").status_code == 404
    assert client.get(f"/employers/{world.employer.pk}").status_code == 404


OPERATIONS = [
    (method.upper(), path.removeprefix("/api/v1"))
    for path, methods in api.get_openapi_schema()["paths"].items()
    for method in methods
    # The two public ones: the token exchange, and 附近的服务站点 as the portal shows it to anyone.
    if path not in ("/api/v1/auth/token", "/api/v1/positions/near")
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_endpoint_refuses_an_anonymous_caller(method, path, world, anonymous):
    path = path.replace("{org_id}", str(world.county.pk)).replace("{employer_id}", str(world.employer.pk))
    path = re.sub(r"\{\w+_id\}", "1", path)
    response = call(anonymous, method.lower(), path, {})
    assert response.status_code == 401
    # Another deployment signs its messages (reports/federation/signing.py): no signature, no entry.
    signed = method == "POST" and path.startswith("/federation/")
    assert response.json()["code"] == ("signature_missing" if signed else "unauthenticated")
    # Partners present their own key (api/common/security.py PartnerKey): member verification and an
    # employer partner's postings; everyone else a bearer token or a session.
    expected = "X-Partner-Key" if path.startswith(("/verify/", "/jobs/partner/")) else "Bearer"
    assert (CHALLENGE if signed else expected) in response["WWW-Authenticate"]
