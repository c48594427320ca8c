"""The ranking of one stage, computed by the database with a window function over one index.

The tie rule is data on the competition: shared places (RANK: 1, 1, 3), shared and dense
(DENSE_RANK: 1, 1, 2), a tiebreak score (RANK over score then tiebreak, equal in both still share),
or the earlier registration (RANK over score then the registration number: no two places equal).
No Python sort ever sees the rows: a page is sliced after the window, and advancing is one UPDATE
over the ranked subquery.
"""

from typing import Any

from django.db.models import F, QuerySet, Window
from django.db.models.functions import DenseRank, Rank

from gonghui.skills.competition_choices import TieRule
from gonghui.skills.competition_models import CompetitionScore, CompetitionStage


def _order(tie_rule: str) -> list[Any]:
    order: list[Any] = [F("score").desc()]
    if tie_rule == TieRule.TIEBREAK:
        order.append(F("tiebreak").desc(nulls_last=True))
    elif tie_rule == TieRule.EARLIER:
        order.append(F("entry_seq").asc())
    return order


def ranked_scores(stage: CompetitionStage, tie_rule: str, *, places: bool = False) -> QuerySet[Any]:
    """The stage's scores with `rank`, best first. `places=True` counts places (RANK) even under the
    dense rule, which is what "the top N advance" means: N people, ties at the cut included."""
    function = DenseRank if tie_rule == TieRule.SHARED_DENSE and not places else Rank
    # Typed loosely: the checker cannot see the `rank` the window adds, which callers filter and read.
    return (CompetitionScore.objects.filter(stage=stage)
            .annotate(rank=Window(function(), order_by=_order(tie_rule)))
            # Rows in the window's own order (place order): the database then reads the index in that
            # order, needs no second sort, and a page stops reading once it has its rows.
            .order_by(*_order(tie_rule), "entry_seq"))


def top_entry_ids(stage: CompetitionStage, tie_rule: str, places: int) -> QuerySet[Any]:
    """The entries ranked within the first `places` places, as a subquery (ties at the cut go on together)."""
    return ranked_scores(stage, tie_rule, places=True).filter(rank__lte=places).values("entry_id")
