"""Filters of the 会员普惠 console pages: a holder's name masked, whether a row is the viewer's to act on."""

from django import template

from gonghui.benefits.selectors import masked_name as _masked_name
from gonghui.orgs.scope import Scope

register = template.Library()


@register.filter
def masked_name(name: str) -> str:
    return _masked_name(name)


@register.filter
def covered_by(path: str, scope: Scope) -> bool:
    return scope.covers(path)
