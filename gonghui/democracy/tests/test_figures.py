import datetime
from zoneinfo import ZoneInfo

import pytest

from gonghui.core.clock import clock_at
from gonghui.core.permissions import Perm
from gonghui.democracy.choices import ProposalAction, SeatKind
from gonghui.democracy.figures import democracy_figures
from gonghui.democracy.services import disclosure_create, proposal_submit, proposal_transition, seat_elect
from gonghui.democracy.tests.setup import make_company, make_congress
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def test_the_figures_count_the_subtree_for_the_period(world):
    with clock_at(datetime.datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))):
        c = make_congress(world.grassroots)
        make_company(world.grassroots)  # unionised, no congress
        make_congress(world.county2)  # another county's
        clerk = world.grassroots_clerk
        p = proposal_submit(actor=clerk, congress=c.congress, submitter=c.delegates[8], title="t", content="c",
                            cosigners=c.delegates[9:11])
        for action, kw in ((ProposalAction.ACCEPT, {}), (ProposalAction.ASSIGN, {"department": "工会"}),
                           (ProposalAction.ANSWER, {"answer": "a"}), (ProposalAction.RATE, {"rating": "basic"})):
            p = proposal_transition(actor=clerk, proposal=p, action=action, **kw)
        q = proposal_submit(actor=clerk, congress=c.congress, submitter=c.delegates[8], title="t2", content="c",
                            cosigners=c.delegates[9:11])
        proposal_transition(actor=clerk, proposal=q, action=ProposalAction.CONVERT, note="意见建议")
        disclosure_create(actor=clerk, employer=c.employer, category="safety", title="t", content="c", channel="board",
                          period_start=datetime.date(2025, 4, 1), period_end=datetime.date(2025, 4, 30), publish=True)
        seat_elect(actor=clerk, employer=c.employer, kind=SeatKind.DIRECTOR, holder_name="王芳", elected_by=c.session,
                   starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2028, 3, 1))

    f = democracy_figures(scope=scope_for(clerk, Perm.DEMOCRACY_VIEW), start=YEAR[0], end=YEAR[1])

    # The world's own employer is unionised and has no congress either.
    assert (f.unionised_employers, f.with_congress, str(f.establishment_rate)) == (3, 1, "33.3")
    assert f.delegates == 30 and f.by_category["leader"] == 6 and f.women_delegates == 12
    assert (f.proposals_submitted, f.proposals_accepted, f.proposals_answered, f.proposals_satisfied) == (2, 1, 1, 1)
    assert f.disclosures == 1 and f.directors == 1 and f.supervisors == 0


def test_the_sessions_of_a_period_and_a_missing_rate(world):
    make_congress(world.grassroots, held_on=datetime.date(2025, 5, 1))
    scope = scope_for(world.grassroots_clerk, Perm.DEMOCRACY_VIEW)
    assert democracy_figures(scope=scope, start=YEAR[0], end=YEAR[1]).sessions_held == 1
    assert democracy_figures(scope=scope, start=datetime.date(2024, 1, 1),
                             end=datetime.date(2024, 12, 31)).sessions_held == 0
    empty = scope_for(world.no_grants, Perm.DEMOCRACY_VIEW)
    assert democracy_figures(scope=empty, start=YEAR[0], end=YEAR[1]).establishment_rate is None
