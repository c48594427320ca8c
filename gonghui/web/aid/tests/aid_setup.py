"""Fixtures and helpers of the aid console tests: a county's 送温暖 with a campaign and a draft batch,
the batch reviewer, another county, and a browser per persona."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.roles import RoleCode
from gonghui.aid.services import batch_approve, batch_create, batch_submit, campaign_create, grant_add, programme_create
from gonghui.testing.world import PASSWORD, make_user

# What a test module takes with `import *`: the fixtures; helpers are imported by name.
__all__ = ["batch", "campaign", "county2_admin", "login", "programme", "reviewer"]

GRANTED = datetime.date(2026, 1, 20)


@pytest.fixture
def login(db):
    """A fresh browser per persona, so a clerk and a reviewer can work on one batch in a test."""

    def as_user(username, language=""):
        client = Client()
        assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
        if language:
            client.cookies["django_language"] = language
        return client

    return as_user


@pytest.fixture
def reviewer(world):
    return make_user("aid_reviewer", world.county, RoleCode.REVIEWER)


@pytest.fixture
def county2_admin(world):
    return make_user("aid_county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def programme(world):
    return programme_create(actor=world.county_admin, union=world.county, kind="winter_warmth", name="送温暖",
                            fund_source="warmth_fund", budget="10000", standard_amount="500",
                            standard_goods_value="200")


@pytest.fixture
def campaign(world, programme):
    return campaign_create(actor=world.county_admin, programme=programme, year=2026,
                           starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28))


@pytest.fixture
def batch(world, campaign):
    return batch_create(actor=world.county_clerk, campaign=campaign, union=world.county, title="春节慰问第一批",
                        granted_on=GRANTED)


def approved_batch(world, batch, *people):
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    batch_submit(actor=world.county_clerk, batch=batch)
    return batch_approve(actor=world.county_admin, batch=batch)


def act(client, batch, action, follow=False, **data):
    batch.refresh_from_db()
    return client.post(f"/aid/batches/{batch.pk}/do/{action}/", {"version": batch.version, **data}, follow=follow)


def text(response):
    return response.content.decode()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # The session row is rewritten now and then (the idle timeout's clock): not the page's own reads.
    return sum(1 for q in captured if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"])
