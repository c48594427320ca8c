import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.orgs.services.unions import union_move
from gonghui.skills.apprenticeship_selectors import apprenticeship_list
from gonghui.skills.models import Suggestion
from gonghui.skills.services.suggestions import patent_register, suggestion_reward, suggestion_transition
from gonghui.skills.studio_selectors import studio_list
from gonghui.skills.suggestion_selectors import suggestion_list
from gonghui.skills.tests.innovation_setup import TODAY, pair, studio, suggestion, worker
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def test_the_list_totals_rewards_once_whatever_the_number_of_patents(world):
    s = suggestion(world.employer)
    suggestion_transition(actor=SYSTEM, suggestion=s, action="adopt", today=TODAY)
    for amount in ("100", "200"):
        suggestion_reward(actor=SYSTEM, suggestion=s, amount=amount, paid_on=TODAY, today=TODAY)
    for number in ("ZL1", "ZL2", "ZL3"):
        patent_register(actor=SYSTEM, number=number, kind="utility", title="t", granted_on=TODAY, suggestion=s,
                        today=TODAY)

    row = suggestion_list(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW)).get()
    assert (row.reward_total, row.patent_count) == (Decimal("300.00"), 3)


def test_the_lists_read_in_one_query_however_long(world):
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    for i in range(5):
        suggestion(world.employer, title=f"建议{i}")
        studio(world.employer, name=f"工作室{i}")
        master, _ = worker(world.grassroots, world.employer, name=f"师傅{i}")
        apprentice, _ = worker(world.grassroots, world.employer, name=f"徒弟{i}")
        pair(world.employer, master, apprentice)
    for select, show in ((suggestion_list, lambda r: (r.employer.name, r.reward_total)),
                         (studio_list, lambda r: r.employer.name),
                         (apprenticeship_list, lambda r: (r.master.name, r.apprentice.name, r.employer.name))):
        with CaptureQueriesContext(connection) as queries:
            rows = [show(r) for r in select(scope=scope)]
        assert len(rows) == 5 and len(queries) == 1, select.__name__


def test_a_union_that_moves_takes_its_innovations_along(world):
    s = suggestion(world.employer)
    st = studio(world.employer)
    union_move(actor=SYSTEM, union=world.township, new_parent=world.county2)
    world.employer.refresh_from_db()

    s.refresh_from_db()
    st.refresh_from_db()
    assert s.org_path == st.org_path == world.employer.org_path
    assert Suggestion.objects.visible_to(scope_for(world.county_clerk, Perm.SKILLS_VIEW)).count() == 0
    assert studio_list(scope=scope_for(world.province_officer, Perm.SKILLS_VIEW)).get() == st
    assert s.submitted_on == datetime.date(2025, 3, 3)
