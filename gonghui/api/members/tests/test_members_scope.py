"""Every member endpoint against personas: out of scope looks exactly like missing (404), in scope
without the permission is 403, and the lists of another province are empty."""

import re
from dataclasses import dataclass

import pytest

from gonghui.api.tests.test_scope import MISSING, call
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import SYSTEM, confirmed_transfer, make_member, member_data

pytestmark = pytest.mark.django_db


@dataclass
class Targets:
    union: int
    member: int
    application: int
    transfer: int


def targets_in(union, receiving):
    """A member, a pending application and an open transfer, all under `union`."""
    member = make_member(union).member
    data = member_data()
    application = application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)
    transfer = confirmed_transfer(actor=SYSTEM, member=make_member(union).member, to_union=receiving)
    return Targets(union.pk, member.pk, application.pk, transfer.pk)


def requests_on(t):
    m, a, x = t.member, t.application, t.transfer
    new = member_data()
    return [
        ("get", f"/members?union={t.union}", None),
        ("get", f"/members/export?union={t.union}", None),
        ("get", f"/members/{m}", None),
        ("post", "/members", {"union_id": t.union, "name": "吴新", "id_number": new["id_number"]}),
        ("patch", f"/members/{m}", {"version": 1, "job": "电工"}),
        ("post", f"/members/{m}/leave", {"note": "离职"}),
        ("post", f"/members/{m}/retain", {"reason": "retired"}),
        ("post", f"/members/{m}/death", {}),
        ("post", f"/members/{m}/reinstate", {}),
        ("post", f"/members/{m}/reveal", {"field": "id_number", "reason": "核对身份"}),
        ("post", f"/members/{m}/card", None),
        ("post", f"/member-applications/{a}/approve", {}),
        ("post", f"/member-applications/{a}/reject", {"reason": "不符合"}),
        ("post", "/member-transfers", {"to_union_id": t.union, "id_number": new["id_number"]}),
        ("post", f"/member-transfers/{x}/confirm", {"code": "123456"}),
        ("post", f"/member-transfers/{x}/resend-code", None),
        ("post", f"/member-transfers/{x}/release", {}),
        ("post", f"/member-transfers/{x}/accept", {}),
        ("post", f"/member-transfers/{x}/refuse", {"note": "不同意"}),
        ("post", f"/member-transfers/{x}/cancel", None),
    ]


def missing(path, t):
    ours = {str(v) for v in (t.union, t.member, t.application, t.transfer)}
    return re.sub(r"\d+", lambda m: str(MISSING) if m.group() in ours else m.group(), path)


def missing_body(body, t):
    if body and body.get("union_id") == t.union:
        return body | {"union_id": MISSING}
    if body and body.get("to_union_id") == t.union:
        return body | {"to_union_id": MISSING}
    return body


def test_another_province_sees_every_member_object_as_missing(world, api_as):
    t = targets_in(world.grassroots, world.county2)
    client = api_as("other_province_officer")
    for method, path, body in requests_on(t):
        response = call(client, method, path, body)
        assert response.status_code == 404, (method, path, response.content)
        absent = call(client, method, missing(path, t), missing_body(body, t))
        assert response.json() == absent.json(), (method, path)


def test_another_province_lists_nothing_of_ours(world, api_as):
    targets_in(world.grassroots, world.county2)
    client = api_as("other_province_officer")
    for path in ("/members", "/member-applications", "/member-transfers", "/member-transfers?box=out"):
        assert call(client, "get", path, None).json() == {"items": [], "count": 0}, path


def test_a_county_clerk_sees_nothing_outside_the_county(world, api_as):
    t = targets_in(world.county2, world.city2)
    client = api_as("county_clerk")
    for method, path, body in requests_on(t):
        assert call(client, method, path, body).status_code == 404, (method, path)


def test_a_county_clerk_may_not_review_reveal_or_export(world, api_as):
    t = targets_in(world.grassroots, world.county2)
    client = api_as("county_clerk")
    for method, path, body in [r for r in requests_on(t) if re.search(r"export|reveal|approve|reject", r[1])] + [
            ("get", "/member-applications", None), ("get", "/members/export", None)]:
        response = call(client, method, path, body)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden"), (method, path)


def test_an_auditor_and_an_account_without_grants_see_no_member(world, api_as):
    t = targets_in(world.grassroots, world.county2)
    for persona in ("auditor", "no_grants"):
        client = api_as(persona)
        assert client.get("/members").json() == {"items": [], "count": 0}
        assert client.get(f"/members/{t.member}").status_code == 404
        assert client.get("/member-transfers").json()["count"] == 0
        assert client.post(f"/member-transfers/{t.transfer}/cancel").status_code == 404
