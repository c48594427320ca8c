"""Which union's 12351 centre receives the requests workers file on the portal.

A deployment names it in GONGHUI_CASE_PORTAL_CENTRE (the union's path or id). Unset, it is the
province-level federation at the top of the deployment (one deployment per province), which
classifies and dispatches the requests down the tree. A configured union that is missing or ended
gives no centre at all rather than a guess: the portal then sends workers to the 12351 phone line.
"""

from django.conf import settings

from gonghui.orgs import tree
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion


def portal_centre() -> TradeUnion | None:
    configured = str(getattr(settings, "GONGHUI_CASE_PORTAL_CENTRE", "") or "").strip().upper()
    if not configured:
        return _top_province_union()
    union = None
    # A path may be all digits (00010003); it is tried first, so an id is read as one only when no
    # union has that path.
    if len(configured) % tree.STEP_LEN == 0:
        union = TradeUnion.objects.filter(path=configured).first()
    if union is None and configured.isdigit():
        union = TradeUnion.objects.filter(pk=int(configured)).first()
    return union if union is not None and union.is_active else None


def _top_province_union() -> TradeUnion | None:
    for root in TradeUnion.objects.filter(parent__isnull=True).order_by("path"):
        if root.level >= Level.PROVINCE:
            return root if root.is_active else None
        province = (TradeUnion.objects.active().filter(parent=root, level=Level.PROVINCE).order_by("path").first())
        if province is not None:
            return province
    return None
