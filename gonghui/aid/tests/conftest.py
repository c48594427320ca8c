import datetime
import itertools
from typing import Any

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.aid.services import batch_create, campaign_create, programme_create
from gonghui.assistance.models import HardshipFile
from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_id
from gonghui.orgs.models import TradeUnion
from gonghui.testing.world import make_person_id, make_user

_phones = itertools.count(1)


def worker(**overrides: Any) -> dict[str, Any]:
    """A worker outside the registry, as a cadre types one in at a 夏送清凉 or 送温暖 visit."""
    return {"name": "赵大勇", "id_number": make_person_id(), "phone": f"136{next(_phones):08d}", "group": "outdoor",
            **overrides}


def make_file(union: TradeUnion, *, name: str = "钱二", id_number: str = "", member: Any = None,
              hardship_class: str = "deep", status: str = "filed") -> HardshipFile:
    """A household in file, written straight into the registry's table (its services are not ours)."""
    number = id_number or make_person_id()
    return HardshipFile.objects.create(
        status=status, member=member, worker_name=name, worker_id_number=number,
        worker_id_index=blind_index(f"resident:{number}"), worker_id_masked=mask_id(number), union=union,
        org_path=union.path, adcode="510104", hardship_class=hardship_class, surveyed_at=timezone.now())


@pytest.fixture
def county2_admin(world):
    return make_user("aid_county2_admin", world.county2, RoleCode.UNION_ADMIN)


@pytest.fixture
def county_reviewer(world):
    return make_user("aid_county_reviewer", world.county, RoleCode.REVIEWER)


@pytest.fixture
def new_programme(world):
    def make(union: TradeUnion | None = None, actor: Any = None, **kw: Any):
        values: dict[str, Any] = {"kind": "winter_warmth", "name": "送温暖", "fund_source": "warmth_fund",
                                  "budget": "10000", "standard_amount": "500", "standard_goods_value": "200", **kw}
        return programme_create(actor=actor or world.county_admin, union=union or world.county, **values)

    return make


@pytest.fixture
def new_campaign(world):
    def make(programme, year: int = 2026, actor: Any = None, **kw: Any):
        return campaign_create(actor=actor or world.county_admin, programme=programme, year=year,
                               starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 2, 28), **kw)

    return make


@pytest.fixture
def new_batch(world):
    def make(campaign, union: TradeUnion | None = None, actor: Any = None, **kw: Any):
        kw.setdefault("granted_on", datetime.date(campaign.year, 1, 20))
        return batch_create(actor=actor or world.county_clerk, campaign=campaign, union=union or world.county, **kw)

    return make


@pytest.fixture
def programme(new_programme):
    return new_programme()


@pytest.fixture
def campaign(new_campaign, programme):
    return new_campaign(programme)


@pytest.fixture
def batch(new_batch, campaign):
    return new_batch(campaign)
