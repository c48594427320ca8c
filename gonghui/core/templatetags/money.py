"""`{{ amount|yuan }} 元` and `{{ amount|wan_yuan }} 万元`: the one money format (gonghui.core.money)."""

from django import template

from gonghui.core import money

register = template.Library()
register.filter("yuan", money.yuan, is_safe=True)
register.filter("wan_yuan", money.wan_yuan, is_safe=True)
