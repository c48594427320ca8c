import datetime
import itertools
from dataclasses import dataclass

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.idnumbers import resident_check_character
from gonghui.honours.choices import CheckDecision, NominationStatus, Rank, WorkerCategory
from gonghui.honours.models import AwardKind, ModelWorker
from gonghui.honours.services import (
    award_record_earlier,
    call_issue,
    call_quota_set,
    level_list_submit,
    nomination_check_record,
    nomination_create,
    nomination_pass,
)
from gonghui.testing.world import make_person_id, make_user

D = datetime.date
NOMINATIONS_DUE, REVIEWS_DUE = D(2027, 3, 31), D(2027, 4, 30)
_born = itertools.count(1)


@dataclass
class Cadres:
    grassroots: object
    township: object
    county: object
    city: object
    province: object
    county2: object


@pytest.fixture
def cadres(world) -> Cadres:
    return Cadres(
        grassroots=make_user("grassroots_clerk", world.grassroots, RoleCode.CLERK),
        township=make_user("township_clerk", world.township, RoleCode.CLERK),
        county=world.county_clerk,
        city=make_user("city_clerk", world.city, RoleCode.CLERK),
        province=world.province_officer,
        county2=make_user("county2_clerk", world.county2, RoleCode.CLERK),
    )


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)


def issue(world, *, kind_code="province_labour_medal", year=2026, **rules):
    values = {"places": 10, "front_line_min_pct": 0, "women_min_pct": 0, "excluded_ranks": (),
              "notice_working_days": 5} | rules
    return call_issue(actor=world.province_officer, union=world.province, kind=kind(kind_code), year=year,
                      title=f"关于评选{year}年四川省五一劳动奖章的通知", nominations_due=NOMINATIONS_DUE,
                      reviews_due=REVIEWS_DUE, **values)


@pytest.fixture
def call(world):
    """A provincial 五一劳动奖章 call: 成都 2 places, 锦江区 1 (it reviews grassroots nominations first)."""
    c = issue(world)
    call_quota_set(actor=world.province_officer, call=c, union=world.city, places=2)
    call_quota_set(actor=world.province_officer, call=c, union=world.county, places=1)
    call_quota_set(actor=world.province_officer, call=c, union=world.county2, places=1)
    return c


def person_id(*, female: bool) -> str:
    """A valid resident ID whose sequence digit says the gender (odd: a man)."""
    n = next(_born)
    body = f"51010419{70 + n % 25}0101{n % 50:02d}{2 if female else 1}"
    return body + resident_check_character(body)


def person(**overrides) -> dict:
    born = f"19{70 + next(_born) % 25}0101"
    return {"name": "张工", "id_number": make_person_id(born=born), "post": "车间主任",
            "category": WorkerCategory.FRONT_LINE, "rank": Rank.NONE, "employer_name": "成都某机械厂",
            "deeds": "扎根一线二十年，主持技术革新十余项。", "employer_opinion": "同意推荐"} | overrides


def nominate(actor, call, union, employer=None, **overrides):
    data = person(**overrides)
    if employer is not None:
        data["employer"] = employer
        data.pop("employer_name")
    return nomination_create(actor=actor, call=call, union=union, data=data, today=D(2027, 3, 1))


def pass_here(actor, nomination, decision=CheckDecision.CLEAR, note=""):
    nomination_check_record(actor=actor, nomination=nomination, decision=decision, note=note)
    nomination.refresh_from_db()
    return nomination_pass(actor=actor, nomination=nomination)


def carried_to_final(actor, call, nomination):
    """Pass and submit at every level from where it stands to the final list; `actor` is one actor for
    every level, or a mapping of union id to the cadre acting there."""
    nomination.refresh_from_db()
    while nomination.status != NominationStatus.FINAL:
        here = actor[nomination.at_union_id] if isinstance(actor, dict) else actor
        union = nomination.at_union
        pass_here(here, nomination)
        level_list_submit(actor=here, call=call, union=union)
        nomination.refresh_from_db()
    return nomination


def up_to_province(world, cadres, call, nomination):
    """Pass and submit at every level from where it stands (grassroots, 锦江区, 成都市) to the
    province's final list."""
    actors = {world.grassroots.pk: cadres.grassroots, world.county.pk: cadres.county, world.city.pk: cadres.city,
              world.province.pk: cadres.province, world.county2.pk: cadres.county2}
    return carried_to_final(actors, call, nomination)


def register_entry(world, id_number: str, name: str = "周劳模") -> ModelWorker:
    """A 市劳动模范 of 2019 that 锦江区 keeps on the register."""
    award = award_record_earlier(actor=world.county_clerk, union=world.county, kind=kind("city_model_worker"),
                                 year=2019, data={"name": name, "id_number": id_number, "employer_name": "成都某机械厂",
                                                  "post": "焊工"},
                                 decision_number="成工发〔2019〕12号", decided_on=D(2019, 4, 28))
    return ModelWorker.objects.get(id_index=award.id_index)
