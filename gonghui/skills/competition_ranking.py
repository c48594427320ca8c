"""The ranking of one stage, computed by the database with a window function over one index.

The tie rule is data on the competition: shared places (RANK: 1, 1, 3), shared and dense
(DENSE_RANK: 1, 1, 2), a tiebreak score (RANK over score then tiebreak, equal in both still share),
or the earlier registration (RANK over score then the registration number: no two places equal).
No Python sort ever sees the rows: a page seeks on the place order after the window (no OFFSET), and
advancing is one UPDATE over the ranked subquery.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet, Window
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


# ---- keyset pages ----
# In a ranking the place order is (rank, entry_seq): rows sharing a rank are equal in every ordering
# column, so the registration number alone orders them, and it is unique in a competition. A page
# seeks past the last row it showed on that pair (a filter on the window, which the database applies
# to the ranked rows) instead of counting OFFSET rows off the front: a deep page reads no more than
# the first, and a page does not shift when a score is entered meanwhile.


@dataclass(frozen=True)
class RankCursor:
    rank: int
    seq: int

    def __str__(self) -> str:
        return f"{self.rank}.{self.seq}"

    @classmethod
    def parse(cls, text: str | None) -> "RankCursor | None":
        """A cursor from a link; anything else reads as none (the first page)."""
        rank, _dot, seq = str(text or "").partition(".")
        if rank.isdigit() and seq.isdigit() and len(rank) < 10 and len(seq) < 10:
            return cls(int(rank), int(seq))
        return None


def _past(cursor: RankCursor) -> Q:
    return Q(rank__gt=cursor.rank) | Q(rank=cursor.rank, entry_seq__gt=cursor.seq)


def _before(cursor: RankCursor) -> Q:
    return Q(rank__lt=cursor.rank) | Q(rank=cursor.rank, entry_seq__lt=cursor.seq)


def ranking_rows(stage: CompetitionStage, tie_rule: str, *, after: RankCursor | None = None,
                 before: RankCursor | None = None, limit: int = 50) -> tuple[list[dict[str, Any]], bool]:
    """Up to `limit` ranked rows after (or before) a cursor, in place order, and whether more lie
    beyond them in the direction read."""
    ranked = ranked_scores(stage, tie_rule).values("rank", "entry_id", "entry_seq", "score", "tiebreak")
    if before is not None:
        rows = list(ranked.filter(_before(before)).reverse()[:limit + 1])
        return list(reversed(rows[:limit])), len(rows) > limit
    if after is not None:
        ranked = ranked.filter(_past(after))
    rows = list(ranked[:limit + 1])
    return rows[:limit], len(rows) > limit


def rows_ahead(stage: CompetitionStage, tie_rule: str, cursor: RankCursor) -> int:
    """How many ranked rows come before the cursor's row: the page number shown."""
    return ranked_scores(stage, tie_rule).filter(_before(cursor)).count()
