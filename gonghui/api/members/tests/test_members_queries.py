"""The member lists cost the same few queries however many rows they return (no N+1)."""

import pytest

from gonghui.api.tests.test_queries import LIST_QUERIES
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.testing.world import SYSTEM, confirmed_transfer, make_member, member_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded(world):
    for n in range(12):
        member = make_member(world.grassroots if n % 2 else world.township, name=f"会员{n}").member
        confirmed_transfer(actor=SYSTEM, member=member, to_union=world.county2)
        data = member_data()
        application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.grassroots, data=data)
    return world


@pytest.mark.parametrize(("path", "params", "rows"), [
    ("/members", {}, 13),
    ("/members", {"union": "county", "status": "all", "migrant": "true"}, 13),
    ("/members", {"q": "hy"}, 12),
    ("/member-applications", {}, 12),
    ("/member-transfers", {"box": "out"}, 12),
])
def test_a_member_list_stays_within_its_query_budget(crowded, api_as, django_assert_max_num_queries, path, params,
                                                     rows):
    api = api_as("province_officer")
    params = {k: (crowded.county.pk if v == "county" else v) for k, v in params.items()}
    with django_assert_max_num_queries(LIST_QUERIES):
        response = api.get(path, **params)
    assert response.status_code == 200
    assert response.json()["count"] >= rows


def test_the_inbox_and_the_detail_stay_within_budget(crowded, api_as, django_assert_max_num_queries):
    api = api_as("province_officer")
    api.get("/me")  # the token's last-used stamp is written once, on first use
    with django_assert_max_num_queries(LIST_QUERIES):
        assert api.get("/member-transfers").json()["count"] == 12
    member = crowded.membership.member_id
    # Two for the caller, one to load the member, four for its history.
    with django_assert_max_num_queries(7):
        assert api.get(f"/members/{member}").status_code == 200
