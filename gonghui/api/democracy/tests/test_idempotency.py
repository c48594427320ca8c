"""Every create of the 民主管理 API takes an `Idempotency-Key`: the same request again with the same key
answers with the record the first one made, and nothing (record, event, audit row) is written twice."""

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.democracy.models import (
    AgendaItem,
    BoardSeat,
    CongressSession,
    CongressTerm,
    Disclosure,
    Proposal,
    WorkersCongress,
)
from gonghui.democracy.tests.setup import make_company, make_congress

pytestmark = pytest.mark.django_db


def post_with_key(api, path, body, key):
    return api.client.post("/api/v1" + path, body, content_type="application/json",
                           headers={**api.headers, "Idempotency-Key": key})


def twice(api, model, path, body, key):
    first = post_with_key(api, path, body, key)
    assert first.status_code == 201, first.json()
    rows, audits = model.objects.count(), AuditEntry.objects.count()
    again = post_with_key(api, path, body, key)
    assert (again.status_code, again.json()) == (201, first.json())
    assert (model.objects.count(), AuditEntry.objects.count()) == (rows, audits)
    return first.json()


def test_each_create_repeated_with_its_key_returns_the_first_record_and_writes_nothing_twice(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    other = make_company(world.grassroots, name="另一家有限公司")
    congress = twice(api, WorkersCongress, "/democracy/congresses", {
        "employer_id": other.pk, "form": "representative", "established_on": "2020-03-01"}, "congress-1")
    term = twice(api, CongressTerm, f"/democracy/congresses/{congress['id']}/terms", {
        "starts_on": "2024-01-01", "ends_on": "2027-01-01", "workforce": 400, "women_workforce": 160,
        "dispatched_workforce": 20}, "term-1")
    twice(api, CongressSession, f"/democracy/terms/{term['id']}/sessions",
          {"held_on": "2025-03-01", "title": "一届二次职代会"}, "session-1")
    twice(api, AgendaItem, f"/democracy/sessions/{c.session.pk}/items",
          {"kind": "worker_rules", "title": "考勤制度"}, "item-1")
    twice(api, Proposal, f"/democracy/congresses/{c.congress.pk}/proposals", {
        "submitter_id": c.delegates[10].pk, "cosigner_ids": [c.delegates[11].pk, c.delegates[12].pk],
        "title": "夜班供餐", "content": "夜班职工没有热饭。"}, "proposal-1")
    twice(api, Disclosure, "/democracy/disclosures", {
        "employer_id": c.employer.pk, "category": "wages", "channel": "online", "title": "调资方案",
        "content": "人均增长5%。", "period_start": "2026-01-01", "period_end": "2026-12-31"}, "disclosure-1")
    twice(api, BoardSeat, "/democracy/seats", {
        "employer_id": c.employer.pk, "kind": "director", "holder_name": "刘强", "elected_by": c.session.pk,
        "starts_on": "2025-03-02", "ends_on": "2028-03-01"}, "seat-1")
    # Without a key, a repeat is a second record, as before.
    for _ in range(2):
        api.post(f"/democracy/sessions/{c.session.pk}/items", {"kind": "other", "title": "食堂承包"})
    assert AgendaItem.objects.filter(title="食堂承包").count() == 2


def test_a_key_reused_for_another_request_is_refused_naming_the_header(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    path = f"/democracy/sessions/{c.session.pk}/items"
    assert post_with_key(api, path, {"kind": "other", "title": "甲"}, "k").status_code == 201
    reused = post_with_key(api, path, {"kind": "other", "title": "乙"}, "k")
    assert (reused.status_code, reused.json()["code"], reused.json()["field"]) == (
        409, "idempotency_key_reused", "Idempotency-Key")
    assert not AgendaItem.objects.filter(title="乙").exists()


def test_a_refused_create_leaves_its_key_free_for_the_corrected_request(world, api_as):
    api = api_as("grassroots_clerk")
    c = make_congress(world.grassroots)
    body = {"employer_id": c.employer.pk, "category": "wages", "channel": "online", "title": "t", "content": "c",
            "period_start": "2026-02-01", "period_end": "2026-01-01"}
    assert post_with_key(api, "/democracy/disclosures", body, "d").status_code == 400
    # The corrected request is another body: a key only remembers what was created.
    assert post_with_key(api, "/democracy/disclosures", {**body, "period_end": "2026-03-01"}, "d").status_code == 201
