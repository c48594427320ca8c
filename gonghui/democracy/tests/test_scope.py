import datetime

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.democracy.choices import AgendaKind, CongressForm
from gonghui.democracy.selectors import congress_get, proposal_list
from gonghui.democracy.services import agenda_item_add, congress_establish, proposal_submit
from gonghui.democracy.tests.setup import make_company, make_congress
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_another_countys_cadre_finds_nothing_and_changes_nothing(world):
    c = make_congress(world.grassroots)
    other = make_user("fucheng_admin", world.county2, RoleCode.UNION_ADMIN)

    with pytest.raises(NotFound):
        congress_get(scope=scope_for(other, Perm.DEMOCRACY_VIEW), pk=c.congress.pk)
    with pytest.raises(NotFound):
        agenda_item_add(actor=other, session=c.session, kind=AgendaKind.OTHER, title="x")
    with pytest.raises(NotFound):
        congress_establish(actor=other, employer=make_company(world.grassroots), form=CongressForm.REPRESENTATIVE,
                           established_on=datetime.date(2024, 1, 1))
    assert congress_get(scope=scope_for(world.grassroots_clerk, Perm.DEMOCRACY_VIEW), pk=c.congress.pk) == c.congress


def test_a_reviewer_reads_but_may_not_act(world):
    c = make_congress(world.grassroots)
    reviewer = make_user("county_reviewer", world.county, RoleCode.REVIEWER)

    assert congress_get(scope=scope_for(reviewer, Perm.DEMOCRACY_VIEW), pk=c.congress.pk) == c.congress
    with pytest.raises(PermissionDenied):
        proposal_submit(actor=reviewer, congress=c.congress, submitter=c.delegates[0], title="t", content="c",
                        cosigners=c.delegates[1:3])


def test_the_audit_administrator_sees_no_union_business(world):
    make_congress(world.grassroots)
    assert proposal_list(scope=scope_for(world.auditor, Perm.DEMOCRACY_VIEW)).count() == 0
    assert scope_for(world.auditor, Perm.DEMOCRACY_VIEW).is_empty
