"""工作台 lines of 会员普惠: offers ending within 7 days and agreements ending within 30, counted as the
lists they open are filtered."""

import datetime

from django.utils import timezone

from gonghui.benefits.selectors import merchant_list, offer_list
from gonghui.benefits.tests.conftest import make_merchant, make_offer
from gonghui.benefits.todos import benefits_todos
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for


def test_the_lines_count_what_their_lists_show(world, shop):
    today = timezone.localdate()
    make_offer(shop.merchant, world.city, title="将到期", valid_to=today + datetime.timedelta(days=3))
    make_offer(shop.merchant, world.city, title="草稿不算", publish=False, valid_to=today)
    merchant, _p, _k = make_merchant(world, name="协议将到期")
    type(merchant).objects.filter(pk=merchant.pk).update(agreement_to=today + datetime.timedelta(days=10))
    lines = {t.key: t for t in benefits_todos(user=world.province_officer)}
    scope = scope_for(world.province_officer, Perm.BENEFITS_VIEW)
    assert lines["benefits.offers_ending"].count == offer_list(scope=scope, ending=True).count() == 1
    assert lines["benefits.agreements_ending"].count == merchant_list(scope=scope, ending=True).count() == 1
    assert benefits_todos(user=world.other_province_officer)[0].count == 0
    assert benefits_todos(user=world.no_grants) == []
