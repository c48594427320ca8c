"""List endpoints cost the same few queries however many rows they return (no N+1)."""

import pytest

from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, make_employer, make_union

pytestmark = pytest.mark.django_db

# Token lookup, its last-used stamp, the caller's grants, the count, the page; one more to load a filter's union.
LIST_QUERIES = 6


@pytest.fixture
def crowded(world):
    for n in range(12):
        union = make_union(world.county, f"街道工会{n}", Level.TOWNSHIP, UnionKind.TOWNSHIP)
        make_employer(union, f"单位{n}")
    regions_load(actor=SYSTEM, towns=False)
    return world


@pytest.mark.parametrize(("path", "params", "rows"), [
    ("/orgs", {}, 1),
    ("/orgs", {"parent": "county"}, 13),
    ("/orgs/search", {"q": "街道"}, 13),
    ("/orgs/search", {"q": "街道", "within": "county"}, 13),
    ("/employers", {}, 13),
    ("/employers", {"union": "county", "subtree": "true"}, 13),
    ("/regions", {"parent": "510100"}, 12),
])
def test_a_list_endpoint_stays_within_its_query_budget(crowded, api_as, django_assert_max_num_queries, path, params,
                                                       rows):
    api = api_as("province_officer")
    params = {k: (crowded.county.pk if v == "county" else v) for k, v in params.items()}
    with django_assert_max_num_queries(LIST_QUERIES):
        response = api.get(path, **params)
    assert response.status_code == 200
    assert response.json()["count"] >= rows


def test_the_detail_and_summary_stay_within_budget(crowded, api_as, django_assert_max_num_queries):
    api = api_as("province_officer")
    api.get("/me")  # the token's last-used stamp is written once, on first use
    with django_assert_max_num_queries(6):
        assert api.get(f"/orgs/{crowded.county.pk}").status_code == 200
    # Two for the caller, one to load the union, the rest for subtree_summary, with 12 branches below.
    with django_assert_max_num_queries(10):
        assert api.get(f"/orgs/{crowded.county.pk}/summary").status_code == 200
