"""Schemathesis over the served OpenAPI document: whatever a client sends, the API answers without a
5xx, with a status the document lists, in the documented shape.

Each operation gets a bounded, derandomized run of valid and invalid requests through the real WSGI
stack with a bearer token (and a partner key for /verify); half of the valid ones aim at ids and
identity numbers that exist, so writes really happen.
"""

import datetime
import json
import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from gonghui.accounts.login import api_token_issue
from gonghui.aid.services import batch_create, campaign_create, grant_add, programme_create
from gonghui.api.urls import api
from gonghui.assistance.services import (
    assessment_rule_add,
    hardship_apply,
    hardship_approve,
    hardship_file_open,
    hardship_review,
    hardship_survey,
)
from gonghui.cases.services import case_intake, case_supervise
from gonghui.contracts.models import ContractKind
from gonghui.contracts.services import NegotiatorIn, contract_answer, contract_draft, contract_offer
from gonghui.core.validators import credit_code_check_character
from gonghui.democracy.services import agenda_item_add, disclosure_create, proposal_submit, seat_elect
from gonghui.democracy.tests.setup import make_congress
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.cards import card_issue, card_token
from gonghui.members.services.partners import partner_create
from gonghui.members.services.roster import roster_upload, roster_validate
from gonghui.members.tests.roster_files import csv_bytes, person, upload
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.services import claim_submit, enrolment_bulk_create, plan_create, plan_open
from gonghui.positions.tests.setup import station
from gonghui.testing.world import SYSTEM, confirmed_transfer, make_member, make_person_id, member_data

pytestmark = pytest.mark.django_db

# The document as served (JSON, string status codes); a test below checks the served one matches.
SCHEMA = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
LABELS = [op.ok().label for op in SCHEMA.get_all_operations()]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=20, derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
credit_codes = st.integers(0, 10**9 - 1).map(lambda n: f"91510104{n:09d}").map(
    lambda body: body + credit_code_check_character(body))


@pytest.fixture
def targets(world):
    """Members, an application, a transfer, a card and a partner, so valid requests find what they name."""
    members = [world.membership.member, make_member(world.county2).member, make_member(world.other_city).member]
    data = member_data()
    application = application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.township, data=data)
    transfer = confirmed_transfer(actor=SYSTEM, member=make_member(world.township).member, to_union=world.county2)
    token = card_token(card_issue(actor=SYSTEM, member=members[0]))
    _partner, key = partner_create(actor=SYSTEM, union=world.province, name="fuzz", per_minute=1_000_000,
                                   purposes=["verify", "redeem", "jobs"])
    case = case_intake(actor=SYSTEM, union=world.county, data={"caller_name": "张三", "caller_phone": "13700000001",
                                                               "description": "拖欠工资"}).case
    supervision = case_supervise(actor=SYSTEM, case=case, by_union=world.city, note="请加快")
    roster = roster_upload(actor=SYSTEM, union=world.grassroots, file=upload(csv_bytes([person()]), "r.csv"))
    roster_validate(actor=SYSTEM, roster_import=roster)
    return {**assistance_targets(world), **contract_targets(world), **democracy_targets(world),
            **position_targets(world),
            "case": case.pk, "supervision": supervision.pk, "import": roster.pk,
            "members": [m.pk for m in members], "id_numbers": [m.id_number for m in members],
            "application": application.pk, "transfer": transfer.pk, "token": token, "partner_key": key}


ASSISTANCE_PATHS = re.compile(r"/api/v1/(hardship|aid|mutual-aid)/")
ASSISTANCE_KEYS = ("file_id", "household_member_id", "programme_id", "campaign_id", "batch_id", "grant_id",
                   "plan_id", "enrolment_id", "claim_id")


def assistance_targets(world):
    """A household in file; a programme with a campaign and a draft batch holding one grant; an open
    mutual-aid plan with the world's member enrolled and a claim submitted."""
    assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                        deep_factor="1", relative_factor="1.5", accident_factor="2",
                        effective_from=datetime.date(2024, 1, 1), source="fuzz")
    number = make_person_id()
    file = hardship_survey(actor=SYSTEM, union=world.grassroots, worker={"name": "张困难", "id_number": number},
                           household=[{"relation": "self", "name": "张困难", "id_number": number,
                                       "annual_income": "6000"}], causes=["illness"], adcode="510104",
                           consent={"signer": "本人", "text_version": "1"})
    file = hardship_apply(actor=SYSTEM, file=file)
    file = hardship_review(actor=SYSTEM, file=file)
    file = hardship_file_open(actor=SYSTEM, file=hardship_approve(actor=SYSTEM, file=file))
    programme = programme_create(actor=SYSTEM, union=world.county, kind="winter_warmth", name="送温暖",
                                 fund_source="warmth_fund", budget="100000", standard_amount="500")
    campaign = campaign_create(actor=SYSTEM, programme=programme, year=2026, starts_on=datetime.date(2026, 1, 1),
                               ends_on=datetime.date(2026, 2, 28))
    batch = batch_create(actor=SYSTEM, campaign=campaign, union=world.county)
    grant = grant_add(actor=SYSTEM, batch=batch, data={"name": "赵大勇", "phone": "13600000001"})
    start = timezone.localdate() - datetime.timedelta(days=100)
    plan = plan_open(actor=SYSTEM, plan=plan_create(actor=SYSTEM, union=world.county, data={
        "name": "住院互助", "kind": "inpatient", "year": start.year, "starts_on": start,
        "ends_on": start + datetime.timedelta(days=364), "premium": "60", "per_claim_limit": "8000",
        "yearly_limit": "10000"}))
    member = world.membership.member
    enrolment_bulk_create(actor=SYSTEM, plan=plan, members=[member], enrolled_on=start)
    enrolment = MutualAidEnrolment.objects.get(plan=plan, member=member)
    claim = claim_submit(actor=SYSTEM, enrolment=enrolment, data={
        "kind": "inpatient", "event_date": start + datetime.timedelta(days=10), "amount_claimed": "3000",
        "diagnosis": "住院"})
    return {"file_id": file.pk, "household_member_id": file.household.get().pk, "programme_id": programme.pk,
            "campaign_id": campaign.pk, "batch_id": batch.pk, "grant_id": grant.pk, "plan_id": plan.pk,
            "enrolment_id": enrolment.pk, "claim_id": claim.pk}


CONTRACT_PATHS = re.compile(r"/api/v1/contracts")
CONTRACT_KEYS = ("contract_id", "kind_id")


def contract_targets(world):
    """A wage contract of the world's employer, drafted with coded terms, so the steps reach the services."""
    kind = ContractKind.objects.get(code="wage")
    contract = contract_offer(actor=SYSTEM, union=world.grassroots, kind=kind, reach="employer", offered_by="union",
                              received_on=datetime.date(2026, 3, 2), employer=world.employer)
    contract = contract_answer(actor=SYSTEM, contract=contract, answered_on=datetime.date(2026, 3, 10))
    people = [NegotiatorIn(side, f"{side}{i}", "", i == 0) for side in ("union", "employer") for i in range(3)]
    contract_draft(actor=SYSTEM, contract=contract, start_on=datetime.date(2026, 4, 1),
                   end_on=datetime.date(2029, 3, 31), text="合同全文", negotiators=people,
                   terms={"wages.increase_rate": "5", "wages.lowest_paid": "2300"})
    return {"contract_id": contract.pk, "kind_id": kind.pk}


DEMOCRACY_PATHS = re.compile(r"/api/v1/democracy/")
DEMOCRACY_KEYS = ("congress_id", "term_id", "session_id", "item_id", "proposal_id", "disclosure_id", "seat_id",
                  "submitter_id", "elected_by")


def democracy_targets(world):
    """A congress with its term, roster and session, an agenda item, a proposal, a disclosure and a seat."""
    c = make_congress(world.grassroots)
    item = agenda_item_add(actor=SYSTEM, session=c.session, kind="other", title="食堂管理办法")
    proposal = proposal_submit(actor=SYSTEM, congress=c.congress, submitter=c.delegates[0], title="夜班供餐",
                               content="夜班没有热饭。", cosigners=c.delegates[1:3])
    disclosure = disclosure_create(actor=SYSTEM, employer=c.employer, category="wages", title="调资", content="5%",
                                   channel="online", period_start=datetime.date(2026, 1, 1),
                                   period_end=datetime.date(2026, 12, 31))
    seat = seat_elect(actor=SYSTEM, employer=c.employer, kind="director", holder_name="刘强", elected_by=c.session,
                      starts_on=c.session.held_on, ends_on=datetime.date(2028, 1, 1))
    return {"congress_id": c.congress.pk, "term_id": c.term.pk, "session_id": c.session.pk, "item_id": item.pk,
            "proposal_id": proposal.pk, "disclosure_id": disclosure.pk, "seat_id": seat.pk,
            "submitter_id": c.delegates[0].pk, "elected_by": c.session.pk, "democracy_employer": c.employer.pk}


POSITION_PATHS = re.compile(r"/api/v1/positions")


def position_targets(world):
    """A station of the county, open around the clock, so the position steps reach the services."""
    return {"position_id": station(world).pk}


def aimed_values(world, targets, label=""):
    """Values that name things that exist, so valid requests get past the lookups into the services."""
    unions = st.sampled_from([u.pk for u in (world.county, world.township, world.grassroots, world.city2,
                                             world.county2, world.other_city)])
    id_numbers = st.one_of(st.sampled_from(targets["id_numbers"]), st.builds(make_person_id))
    return st.fixed_dictionaries({
        "org_id": unions, "parent_id": unions, "new_parent_id": unions, "target_id": unions, "union_id": unions,
        "parent": unions, "union": unions, "within": unions, "employer_id": st.just(world.employer.pk),
        "version": st.sampled_from([1, 2]), "credit_code": credit_codes, "to_union_id": unions,
        "member_id": st.sampled_from(targets["members"]), "application_id": st.just(targets["application"]),
        "transfer_id": st.just(targets["transfer"]), "id_number": id_numbers, "id_type": st.just("resident"),
        "token": st.just(targets["token"]), "case_id": st.just(targets["case"]),
        "supervision_id": st.just(targets["supervision"]), "by_union_id": unions,
        "import_id": st.just(targets["import"]),
        # Only the assistance operations draw these: the others keep the examples they always had.
        **({key: st.just(targets[key]) for key in ASSISTANCE_KEYS} if ASSISTANCE_PATHS.search(label) else {}),
        **({key: st.just(targets[key]) for key in CONTRACT_KEYS} if CONTRACT_PATHS.search(label) else {}),
        **({"position_id": st.just(targets["position_id"]), "kind": st.just("station"),
            "region": st.just("510104")} if POSITION_PATHS.search(label) else {}),
        **({key: st.just(targets[key]) for key in DEMOCRACY_KEYS} | {"employer_id": st.just(
            targets["democracy_employer"])} if DEMOCRACY_PATHS.search(label) else {}),
    })


def aim(case, values):
    for part in (case.path_parameters, case.query, case.body):
        if isinstance(part, dict):
            for key in part.keys() & values.keys():
                part[key] = values[key]
    return case


@pytest.fixture
def wsgi_app():
    # The test's transaction must survive each request: Django's own test client unhooks these too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_is_fuzzed():
    assert len(LABELS) == 393
    assert {label.split()[0] for label in LABELS} == {"GET", "POST", "PUT", "PATCH", "DELETE"}


def test_the_served_document_is_the_one_fuzzed(world, wsgi_app):
    _token, raw = api_token_issue(user=world.national_admin)
    served = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app,
                                            headers={"Authorization": f"Bearer {raw}"})
    assert served.raw_schema == SCHEMA.raw_schema


@pytest.mark.parametrize("label", LABELS)
def test_the_api_answers_anything_within_its_document(label, world, targets, wsgi_app):
    _token, raw = api_token_issue(user=world.national_admin)
    # A cadre's token for the cadre API, a partner's key for /verify; each side ignores the other's.
    headers = {"Authorization": f"Bearer {raw}", "X-Partner-Key": targets["partner_key"]}
    operation = SCHEMA.find_operation_by_label(label)
    assert operation is not None
    valid = operation.as_strategy(GenerationMode.POSITIVE)
    invalid = operation.as_strategy(GenerationMode.NEGATIVE)
    aimed = st.builds(aim, valid, aimed_values(world, targets, label))

    @FUZZ
    @given(case=st.one_of(valid, invalid, aimed))
    def run(case):
        response = case.call(app=wsgi_app, headers=headers)
        checks = CHECKS + ([negative_data_rejection] if case.meta.generation.mode.is_negative else [])
        case.validate_response(response, checks=checks, headers=headers)

    run()
