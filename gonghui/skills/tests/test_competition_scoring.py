from decimal import Decimal

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.competition_choices import StageKind, StageStatus, TieRule
from gonghui.skills.competition_selectors import competition_ranking, competition_stages
from gonghui.skills.services.competitions import ScoreIn, StageIn, competition_advance, competition_score
from gonghui.skills.tests.competition_helpers import approved, enter, score

pytestmark = pytest.mark.django_db


def _ranks(world, stage):
    page = competition_ranking(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), stage=stage, per_page=200)
    return [(row.entry.name, row.rank) for row in page.rows]


def _field(world, tie_rule, *scores, tiebreaks=None):
    c = approved(world.county_clerk, world.county, world.province_officer, tie_rule=tie_rule)
    stage = c.stages.get(order=1)
    entries = [enter(world.county_clerk, c, f"选手{i + 1}") for i in range(len(scores))]
    tiebreaks = tiebreaks or [None] * len(scores)
    score(world.county_clerk, stage, *[(e, s, t) for e, s, t in zip(entries, scores, tiebreaks, strict=True)])
    return c, stage, entries


def test_it_refuses_a_score_outside_the_range_naming_the_range(world):
    _c, stage, (e,) = _field(world, TieRule.SHARED, 90)
    with pytest.raises(ValidationFailed) as err:
        score(world.county_clerk, stage, (e, "100.5"))
    assert err.value.field == "score" and err.value.code == "out_of_range"
    assert "0" in str(err.value.message) and "100" in str(err.value.message) and "100.5" in str(err.value.message)
    with pytest.raises(ValidationFailed) as err:
        score(world.county_clerk, stage, (e, "-1"))
    assert err.value.code == "out_of_range"


def test_a_batch_with_one_bad_row_writes_nothing_and_names_the_row(world):
    _c, stage, entries = _field(world, TieRule.SHARED, 50, 60)
    with pytest.raises(ValidationFailed) as err:
        competition_score(actor=world.county_clerk, stage=stage,
                          rows=[ScoreIn(entries[0].pk, 99), ScoreIn(entries[1].pk, 101)])
    assert err.value.field == "rows[1].score" and "第2行" in str(err.value.message)
    assert stage.scores.get(entry=entries[0]).score == Decimal(50)


def test_a_later_score_replaces_the_earlier_one(world):
    _c, stage, (e,) = _field(world, TieRule.SHARED, 50)
    score(world.county_clerk, stage, (e, "88.5"))
    assert stage.scores.get().score == Decimal("88.5")


def test_shared_ties_take_the_same_place_and_skip_the_next(world):
    _c, stage, _ = _field(world, TieRule.SHARED, 90, 95, 90, 80)
    assert _ranks(world, stage) == [("选手2", 1), ("选手1", 2), ("选手3", 2), ("选手4", 4)]


def test_dense_shared_ties_do_not_skip_places(world):
    _c, stage, _ = _field(world, TieRule.SHARED_DENSE, 90, 95, 90, 80)
    assert _ranks(world, stage) == [("选手2", 1), ("选手1", 2), ("选手3", 2), ("选手4", 3)]


def test_a_tiebreak_score_separates_equal_scores_and_equal_tiebreaks_still_share(world):
    _c, stage, _ = _field(world, TieRule.TIEBREAK, 90, 90, 90, 70, tiebreaks=[5, 8, 5, None])
    assert _ranks(world, stage) == [("选手2", 1), ("选手1", 2), ("选手3", 2), ("选手4", 4)]


def test_the_earlier_registration_wins_a_tie(world):
    _c, stage, _ = _field(world, TieRule.EARLIER, 90, 95, 90)
    assert _ranks(world, stage) == [("选手2", 1), ("选手1", 2), ("选手3", 3)]


def test_the_ranking_is_paged_with_places_counted_over_the_whole_stage(world):
    _c, stage, _ = _field(world, TieRule.SHARED, 10, 20, 30, 40, 50)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    first = competition_ranking(scope=scope, stage=stage, per_page=2)
    page = competition_ranking(scope=scope, stage=stage, after=first.next_cursor or "", per_page=2)
    assert page.total == 5 and page.pages == 3 and page.page == 2
    assert [(r.entry.name, r.rank) for r in page.rows] == [("选手3", 3), ("选手2", 4)]


def _walk(scope, stage, per_page):
    """Every page from the first by its next cursor, and back from the last by its previous one."""
    pages = [competition_ranking(scope=scope, stage=stage, per_page=per_page)]
    while pages[-1].next_cursor:
        pages.append(competition_ranking(scope=scope, stage=stage, after=pages[-1].next_cursor, per_page=per_page))
    back = [pages[-1]]
    while back[-1].prev_cursor:
        back.append(competition_ranking(scope=scope, stage=stage, before=back[-1].prev_cursor, per_page=per_page))
    return pages, back


@pytest.mark.parametrize("rule", [TieRule.SHARED, TieRule.SHARED_DENSE, TieRule.TIEBREAK, TieRule.EARLIER])
def test_keyset_pages_with_ties_across_their_edges_give_every_row_once_in_place_order(world, rule):
    scores = [90, 90, 90, 80, 80, 80, 80, 70, 70, 60, 90, 50, 80]  # ties straddle every page edge of 3
    tiebreaks = [5, 5, None, 1, 2, 2, None, 3, 3, None, 7, None, 1]
    _c, stage, _ = _field(world, rule, *scores, tiebreaks=tiebreaks)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    whole = [(r.entry.name, r.rank) for r in competition_ranking(scope=scope, stage=stage, per_page=200).rows]
    pages, back = _walk(scope, stage, 3)
    assert [(r.entry.name, r.rank) for p in pages for r in p.rows] == whole
    assert [p.page for p in pages] == [1, 2, 3, 4, 5] and len(pages[-1].rows) == 1
    assert [(r.entry.name, r.rank) for p in reversed(back) for r in p.rows] == whole
    deep = competition_ranking(scope=scope, stage=stage, before=pages[4].prev_cursor or "", per_page=3)
    assert [r.entry.pk for r in deep.rows] == [r.entry.pk for r in pages[3].rows]  # a deep page found directly


def test_a_deep_ranking_page_seeks_and_never_uses_offset(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _c, stage, _ = _field(world, TieRule.SHARED, 50, 40, 40, 40, 30, 20, 20, 10)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    with CaptureQueriesContext(connection) as queries:
        pages, _back = _walk(scope, stage, 2)
    assert [(r.entry.name, r.rank) for r in pages[3].rows] == [("选手7", 6), ("选手8", 8)]
    ranked = [q["sql"].upper() for q in queries if "RANK()" in q["sql"].upper()]
    assert ranked and not any("OFFSET" in sql for sql in ranked)


def test_the_top_places_advance_with_everyone_tied_at_the_cut_and_the_stage_closes(world):
    c, first, entries = _field(world, TieRule.SHARED, 90, 80, 80, 70)  # the first stage lets 3 places go on
    score(world.county_clerk, first, (entries[3], 80))
    advanced = competition_advance(actor=world.county_clerk, stage=first)
    assert advanced == 4  # 90, then three tied at 80 in second place
    first.refresh_from_db()
    assert first.status == StageStatus.CLOSED
    final = c.stages.get(order=2)
    lines = competition_stages(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), competition=c)
    assert [(ln.entries, ln.scored) for ln in lines] == [(4, 4), (4, 0)]
    with pytest.raises(ValidationFailed) as err:
        score(world.county_clerk, first, (entries[0], 95))
    assert err.value.code == "stage_closed"
    score(world.county_clerk, final, (entries[0], 60))


def test_under_the_earlier_rule_exactly_the_places_advance(world):
    c, first, entries = _field(world, TieRule.EARLIER, 80, 80, 80, 80)
    assert competition_advance(actor=world.county_clerk, stage=first) == 3
    final = c.stages.get(order=2)
    with pytest.raises(ValidationFailed) as err:
        score(world.county_clerk, final, (entries[3], 50))
    assert err.value.code == "not_in_stage"


def test_the_last_stage_does_not_advance(world):
    c = approved(world.county_clerk, world.county, world.province_officer, stages=[StageIn(StageKind.FINAL)])
    e = enter(world.county_clerk, c)
    stage = c.stages.get()
    score(world.county_clerk, stage, (e, 50))
    with pytest.raises(ValidationFailed) as err:
        competition_advance(actor=world.county_clerk, stage=stage)
    assert err.value.code == "last_stage"


def test_a_ranking_page_is_ranked_and_sliced_by_the_database_in_four_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _c, stage, _ = _field(world, TieRule.SHARED, 10, 20, 30)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    with CaptureQueriesContext(connection) as queries:
        page = competition_ranking(scope=scope, stage=stage, per_page=2)
    assert len(queries) == 4 and len(page.rows) == 2
    ranked = [q["sql"] for q in queries if "RANK()" in q["sql"].upper()]
    assert len(ranked) == 1 and "OVER" in ranked[0].upper()
    assert "LIMIT 3" in ranked[0].upper()  # the page and one more, to know a next page exists
