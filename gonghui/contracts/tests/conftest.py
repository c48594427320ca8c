import datetime

import pytest

from gonghui.contracts.choices import Body, Reach, Side
from gonghui.contracts.models import ContractKind
from gonghui.contracts.services import (
    CoverageIn,
    NegotiatorIn,
    contract_answer,
    contract_draft,
    contract_file,
    contract_offer,
    contract_sign,
    contract_sweep,
    contract_vote,
    minimum_wage_set,
)
from gonghui.orgs.models import Region
from gonghui.testing.world import SYSTEM, World, add_holding_cadres

D = datetime.date
OFFERED_ON, START, END, FILED_ON = D(2026, 3, 2), D(2026, 4, 1), D(2029, 3, 31), D(2026, 3, 30)


@pytest.fixture
def world(world: World) -> World:
    return add_holding_cadres(world)


def negotiators(n: int = 3, prefix: str = "") -> list[NegotiatorIn]:
    rows = [NegotiatorIn(Side.UNION, f"{prefix}工方{i}", "", i == 0) for i in range(n)]
    return rows + [NegotiatorIn(Side.EMPLOYER, f"{prefix}企方{i}", "", i == 0) for i in range(n)]


def kind(code: str) -> ContractKind:
    return ContractKind.objects.get(code=code)


def offer(actor, union, *, employer=None, kind_code="wage", reach=Reach.EMPLOYER, received=OFFERED_ON, **kw):
    return contract_offer(actor=actor, union=union, kind=kind(kind_code), reach=reach, offered_by=Side.UNION,
                          received_on=received, employer=employer, **kw)


def drafted(actor, union, *, employer=None, start=START, end=END, terms=None, coverage=None,
            reach=Reach.EMPLOYER, kind_code="wage", **kw):
    c = offer(actor, union, employer=employer, reach=reach, kind_code=kind_code,
              employer_side="" if reach == Reach.EMPLOYER else "区企业联合会", **kw)
    c = contract_answer(actor=actor, contract=c, answered_on=D(2026, 3, 10))
    return contract_draft(actor=actor, contract=c, start_on=start, end_on=end, text="合同全文……",
                          negotiators=negotiators(), terms=terms if terms is not None else {"wages.increase_rate": "5"},
                          coverage=coverage)


def filed(actor, union, *, filed_on=FILED_ON, **kw):
    c = drafted(actor, union, **kw)
    contract_vote(actor=actor, contract=c, body=Body.CONGRESS, held_on=D(2026, 3, 20), entitled=90, present=80,
                  in_favour=70)
    c.refresh_from_db()
    c = contract_sign(actor=actor, contract=c, signed_on=D(2026, 3, 25))
    return contract_file(actor=actor, contract=c, filed_on=filed_on)


def in_force(actor, union, **kw):
    c = filed(actor, union, **kw)
    contract_sweep(actor=SYSTEM, today=c.takes_effect_on)
    c.refresh_from_db()
    return c


@pytest.fixture
def regional(world):
    """Three employers under the township, for a 区域性 contract of the township's union."""
    from gonghui.testing.world import make_employer

    return [make_employer(world.township, f"街道单位{i}", employee_count=50 + i) for i in range(3)]


def covering(employers, workers=None):
    return [CoverageIn(e, workers or e.employee_count) for e in employers]


@pytest.fixture
def places():
    """Chengdu's minimum wage (2,100) over 锦江区; Zigong under the province's (1,870)."""
    province = Region.objects.create(adcode="510000", name="四川省", level=1, dataset="test")
    city = Region.objects.create(adcode="510100", name="成都市", level=2, parent=province, dataset="test")
    county = Region.objects.create(adcode="510104", name="锦江区", level=3, parent=city, dataset="test")
    other = Region.objects.create(adcode="510300", name="自贡市", level=2, parent=province, dataset="test")
    minimum_wage_set(actor=SYSTEM, region=city, monthly="2100", effective_from=D(2022, 4, 1), source="演示")
    minimum_wage_set(actor=SYSTEM, region=province, monthly="1870", effective_from=D(2022, 4, 1), source="演示")
    return {"county": county, "other": other}
