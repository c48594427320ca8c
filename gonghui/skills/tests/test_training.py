import datetime

import pytest

from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.services.training import training_course_delete, training_course_record
from gonghui.skills.tests.innovation_setup import TODAY, employer_in
from gonghui.skills.training_selectors import course_levels, course_list

pytestmark = pytest.mark.django_db


def record(world, **kw):
    args = {"union": world.county, "title": "焊工技能提升培训班", "kind": "skills",
            "starts_on": datetime.date(2025, 4, 1), "ends_on": datetime.date(2025, 4, 20), "trainees": 60, **kw}
    return training_course_record(actor=world.county_clerk, today=TODAY, **args)


def test_a_course_records_its_trainees_and_the_levels_reached(world):
    course = record(world, employer=world.employer, levels={"grade4": 20, "grade3": 5, "grade2": 0}, hours=40)
    assert course.org_path == world.employer.org_path
    assert course_levels(course=course) == {"grade3": 5, "grade4": 20}
    assert list(course_list(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), year=2025)) == [course]


def test_it_refuses_bad_input_naming_the_field(world):
    cases = [("ends_on", {"ends_on": datetime.date(2025, 3, 1)}), ("trainees", {"trainees": 0}),
             ("trainees", {"trainees": "many"}), ("kind", {"kind": "yoga"}), ("title", {"title": ""}),
             ("levels", {"levels": {"grade4": 50, "grade3": 11}}), ("hours", {"hours": -1})]
    for field, kw in cases:
        with pytest.raises(ValidationFailed) as e:
            record(world, **kw)
        assert e.value.field == field, field
    with pytest.raises(InvalidFields) as e:
        record(world, levels={"grade9": 1, "grade4": -1})
    assert [x.field for x in e.value.errors] == ["levels", "levels"]


def test_a_course_for_an_employer_outside_the_union_is_refused(world):
    with pytest.raises(ValidationFailed) as e:
        record(world, union=world.township, employer=employer_in(world.city))
    assert e.value.field == "employer"


def test_another_countys_cadre_cannot_delete_a_course(world):
    from gonghui.accounts.roles import RoleCode
    from gonghui.testing.world import make_user

    course = record(world)
    other = make_user("fucheng_clerk", world.county2, RoleCode.CLERK)
    with pytest.raises(NotFound):
        training_course_delete(actor=other, course=course)
    training_course_delete(actor=world.county_clerk, course=course)
    assert not course_list(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW)).exists()
