from typing import Any

from django import template

from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for
from gonghui.web.members.views.join_qr import join_qr_svg, join_url

register = template.Library()


@register.inclusion_tag("web/orgs/_join_qr.html", takes_context=True)
def join_qr_card(context: Any, union: TradeUnion) -> dict[str, Any]:
    """The org page's "入会二维码" card, for those who may register members in this union."""
    request = context["request"]
    if not union.is_active or not scope_for(request.user, Perm.MEMBER_EDIT).covers(union.path):
        return {"show": False}
    return {"show": True, "union": union, "qr": join_qr_svg(request, union, scale=4),
            "link": join_url(request, union, qr=False)}
