"""会员普惠 on the portal: a member sees the offers of their subtree, claims one within the limit, and
opens 我的券 with the code as a QR code; another worker's voucher is a 404."""

import pytest
from django.urls import reverse

from gonghui.benefits.models import Voucher
from gonghui.benefits.services import voucher_claim
from gonghui.benefits.tests.conftest import make_merchant, make_offer, shop  # noqa: F401
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


def test_a_member_claims_a_voucher_and_shows_its_qr_code(as_worker, world, shop):  # noqa: F811
    client = as_worker(shop.member.phone)
    other = make_offer(make_merchant(world, union=world.city2, name="绵阳书店")[0], world.county2,
                       title="绵阳专享")  # another subtree: not shown
    page = client.get(reverse("portal:benefits")).content.decode()
    assert shop.offer.title in page and other.title not in page
    response = client.post(reverse("portal:benefits_claim", args=[shop.offer.pk]))
    voucher = Voucher.objects.get(member=shop.member)
    assert response.status_code == 302 and response["Location"] == reverse("portal:benefits_voucher",
                                                                            args=[voucher.pk])
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="voucher-qr"' in body and "data:image/svg+xml" in body
    # Read out or typed in at the counter in groups of four.
    grouped = " ".join(voucher.code[i:i + 4] for i in range(0, len(voucher.code), 4))
    assert f'data-testid="voucher-code">{grouped}<' in body
    again = client.post(reverse("portal:benefits_claim", args=[shop.offer.pk]), follow=True).content.decode()
    assert "已达每人限领1张" in again and Voucher.objects.filter(member=shop.member).count() == 1


def test_someone_elses_voucher_is_not_found(as_worker, world, shop):  # noqa: F811
    voucher = voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)
    stranger = make_member(world.grassroots, name="吴十").member
    assert as_worker(stranger.phone).get(reverse("portal:benefits_voucher", args=[voucher.pk])).status_code == 404


def test_an_offer_with_none_left_says_so_rather_than_claimed(as_worker, world, shop):  # noqa: F811
    scarce = make_offer(shop.merchant, world.city, title="限量十张", quantity=1)
    other = make_member(world.grassroots, name="吴十").member
    voucher_claim(worker=PortalWorker(phone=other.phone), offer_pk=scarce.pk)
    page = as_worker(shop.member.phone).get(reverse("portal:benefits")).content.decode()
    assert f'data-testid="gone-{scarce.pk}"' in page and "已领完" in page
    assert f'data-testid="held-{scarce.pk}"' not in page and f'data-testid="claim-{shop.offer.pk}"' in page
