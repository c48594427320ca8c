import datetime

import pytest

from gonghui.members.models import Membership
from gonghui.members.services.registry import member_admit
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.world import SYSTEM, make_person_id, make_union, member_data

D = datetime.date
YEAR = 2026  # SY2026: 1 October 2025 – 30 September 2026


def join(union, gender, on, **data):
    id_number = make_person_id()
    while (int(id_number[16]) % 2 == 0) != (gender == "F"):
        id_number = make_person_id()
    return member_admit(actor=SYSTEM, union=union, data=member_data(id_number=id_number, **data), join_date=on)


@pytest.fixture
def stats_world(world):
    """Two grassroots unions under the township (one with members), and one straight under the county."""
    world.hotel = make_union(world.township, "锦江宾馆工会", Level.GRASSROOTS, UnionKind.ENTERPRISE,
                             founded_on=D(2025, 11, 2))
    world.mill = make_union(world.county, "锦江纺织厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    join(world.grassroots, "F", D(2024, 5, 1), name="赵一")
    join(world.grassroots, "M", D(2025, 10, 1), name="钱二", employment_form="新就业形态")
    join(world.grassroots, "F", D(2026, 9, 30), name="孙三", household="城镇")
    join(world.grassroots, "M", D(2026, 10, 1), name="李五")  # after the year's end: SY2027
    # The world's own member joined on the day it was built: pin it after the year's end.
    Membership.objects.filter(pk=world.membership.pk).update(join_date=D(2026, 11, 1))
    return world
