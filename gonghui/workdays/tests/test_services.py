import datetime

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services import union_dissolve
from gonghui.workdays.models import CalendarYear, EntrySource, Holiday, HolidayKind
from gonghui.workdays.services import (
    calendar_year_mark,
    calendar_year_unmark,
    holiday_remove,
    holiday_set,
    holidays_seed,
)

pytestmark = pytest.mark.django_db

TIBETAN_NEW_YEAR = datetime.date(2026, 2, 18)
A_TUESDAY = datetime.date(2026, 3, 10)


def test_a_national_administrator_sets_a_national_holiday_and_it_is_audited(world, seeded):
    entry = holiday_set(actor=world.national_admin, day=A_TUESDAY, kind=HolidayKind.HOLIDAY, name="  示例假日 ")
    assert (entry.org_path, entry.source, entry.name, entry.updated_by) == ("", EntrySource.ENTERED, "示例假日",
                                                                            "national_admin")
    audit = AuditEntry.objects.get(action="calendar.holiday_set")
    assert audit.detail["after"]["day"] == "2026-03-10" and audit.detail["before"] is None
    assert audit.org_path == world.national.path and audit.actor_label == "national_admin"


def test_a_county_administrator_cannot_edit_national_entries(world, seeded):
    with pytest.raises(PermissionDenied) as refused:
        holiday_set(actor=world.county_admin, day=A_TUESDAY, kind=HolidayKind.HOLIDAY, name="假日")
    assert "全国" in str(refused.value.message)
    seeded_day = Holiday.objects.get(day=datetime.date(2026, 10, 1), org_path="")
    with pytest.raises(PermissionDenied):
        holiday_remove(actor=world.county_admin, holiday=seeded_day)
    with pytest.raises(PermissionDenied):
        calendar_year_mark(actor=world.county_admin, year=2027)
    with pytest.raises(PermissionDenied):
        holidays_seed(actor=world.county_admin)
    assert not AuditEntry.objects.filter(action__startswith="calendar.").exists()


def test_a_province_sets_a_local_holiday_for_its_own_subtree_only(world, seeded):
    entry = holiday_set(actor=world.province_officer, day=TIBETAN_NEW_YEAR, kind=HolidayKind.HOLIDAY,
                        name="本地假日", union=world.province)
    assert entry.org_path == world.province.path and entry.union == world.province
    assert AuditEntry.objects.get(action="calendar.holiday_set").org_path == world.province.path
    with pytest.raises(NotFound):  # another province, out of sight
        holiday_set(actor=world.province_officer, day=A_TUESDAY, kind=HolidayKind.HOLIDAY,
                    union=world.other_province)
    with pytest.raises(PermissionDenied):  # a clerk sees the county but does not manage its calendar
        holiday_set(actor=world.county_clerk, day=A_TUESDAY, kind=HolidayKind.HOLIDAY, union=world.county)


def test_a_union_below_province_level_cannot_mark_its_own_days_off(world, seeded):
    # Its own day off would lengthen every deadline of its subtree on its own say.
    for actor, union in ((world.county_admin, world.county), (world.county_admin, world.grassroots),
                         (world.province_officer, world.city)):
        with pytest.raises(ValidationFailed) as refused:
            holiday_set(actor=actor, day=A_TUESDAY, kind=HolidayKind.HOLIDAY, union=union)
        assert (refused.value.field, refused.value.code) == ("union", "not_province")
        with pytest.raises(ValidationFailed):
            calendar_year_mark(actor=actor, year=2027, union=union)
    assert not Holiday.objects.exclude(org_path="").exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"day": "2026-13-40"}, "day"),
    ({"day": "下周二"}, "day"),
    ({"day": datetime.date(1989, 12, 31)}, "day"),
    ({"day": datetime.date(2101, 1, 1)}, "day"),
    ({"day": None}, "day"),
    ({"kind": "party"}, "kind"),
    ({"name": "节" * 51}, "name"),
    ({"name": "bad\ue000name"}, "name"),  # a private-use character (controls are removed)
])
def test_bad_input_is_refused_with_the_field_named(world, seeded, data, field):
    args = {"day": A_TUESDAY, "kind": HolidayKind.HOLIDAY, "name": "假日", **data}
    with pytest.raises(ValidationFailed) as refused:
        holiday_set(actor=world.national_admin, **args)
    assert refused.value.field == field
    assert str(refused.value.message)


def test_dates_are_accepted_as_people_type_them(world, seeded):
    entry = holiday_set(actor=world.national_admin, day="２０２６-03-10", kind=HolidayKind.HOLIDAY)
    assert entry.day == A_TUESDAY


def test_setting_a_day_again_changes_the_one_entry_and_an_edited_seeded_day_becomes_entered(world, seeded):
    national_day = datetime.date(2026, 10, 7)
    entry = holiday_set(actor=world.national_admin, day=national_day, kind=HolidayKind.ADJUSTED_WORKDAY,
                        name="更正")
    assert Holiday.objects.filter(day=national_day, org_path="").count() == 1
    assert (entry.kind, entry.source) == (HolidayKind.ADJUSTED_WORKDAY, EntrySource.ENTERED)
    assert AuditEntry.objects.get(action="calendar.holiday_set").detail["before"]["source"] == "seeded"


def test_seeded_days_cannot_be_removed_but_entered_ones_can(world, seeded):
    seeded_day = Holiday.objects.get(day=datetime.date(2026, 10, 1), org_path="")
    with pytest.raises(ValidationFailed) as refused:
        holiday_remove(actor=world.national_admin, holiday=seeded_day)
    assert refused.value.code == "seeded"
    entry = holiday_set(actor=world.province_officer, day=A_TUESDAY, kind=HolidayKind.HOLIDAY,
                        union=world.province)
    holiday_remove(actor=world.province_officer, holiday=entry)
    assert not Holiday.objects.filter(pk=entry.pk).exists()
    assert AuditEntry.objects.get(action="calendar.holiday_remove").detail["before"]["day"] == "2026-03-10"


def test_a_year_is_marked_complete_and_unmarked_but_a_seeded_year_stays(world, seeded):
    mark = calendar_year_mark(actor=world.national_admin, year="2027", note="国办发明电〔2026〕")
    assert (mark.year, mark.source, mark.org_path) == (2027, EntrySource.ENTERED, "")
    assert calendar_year_mark(actor=world.national_admin, year=2027, note="再次").pk == mark.pk
    calendar_year_unmark(actor=world.national_admin, calendar_year=mark)
    assert not CalendarYear.objects.filter(year=2027).exists()
    with pytest.raises(ValidationFailed) as refused:
        calendar_year_mark(actor=world.national_admin, year=2026)
    assert (refused.value.field, refused.value.code) == ("year", "already_covered")
    with pytest.raises(ValidationFailed):
        calendar_year_unmark(actor=world.national_admin, calendar_year=CalendarYear.objects.get(year=2026,
                                                                                                org_path=""))
    with pytest.raises(ValidationFailed) as refused:
        calendar_year_mark(actor=world.national_admin, year="明年")
    assert refused.value.field == "year"
    assert AuditEntry.objects.filter(action__in=["calendar.year_mark", "calendar.year_unmark"]).count() == 3


def test_seeding_is_idempotent_and_leaves_entered_rows_alone(world, seeded):
    before = Holiday.objects.count()
    corrected = holiday_set(actor=world.national_admin, day=datetime.date(2026, 10, 7),
                            kind=HolidayKind.ADJUSTED_WORKDAY, name="更正")
    Holiday.objects.filter(day=datetime.date(2026, 10, 1), org_path="").delete()  # lost somehow
    Holiday.objects.create(day=datetime.date(2026, 3, 3), kind=HolidayKind.HOLIDAY, source=EntrySource.SEEDED)
    result = holidays_seed(actor=SystemActor("tests"), years=[2026])
    assert (result.created, result.deleted, result.kept_entered) == (1, 1, 1)
    corrected.refresh_from_db()
    assert (corrected.kind, corrected.name, corrected.source) == (HolidayKind.ADJUSTED_WORKDAY, "更正", "entered")
    assert Holiday.objects.count() == before
    again = holidays_seed(actor=SystemActor("tests"))
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert AuditEntry.objects.filter(action="calendar.seed").count() == 2


def test_seeding_a_year_the_library_lacks_is_refused(world, seeded):
    with pytest.raises(ValidationFailed) as refused:
        holidays_seed(actor=world.national_admin, years=[2027])
    assert (refused.value.field, refused.value.code) == ("years", "not_in_library")


def test_a_local_entry_on_a_dissolved_union_is_refused(world, seeded):
    union_dissolve(actor=SystemActor("tests"), union=world.county2, reason="撤销")
    world.county2.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:
        holiday_set(actor=world.national_admin, day=A_TUESDAY, kind=HolidayKind.HOLIDAY, union=world.county2)
    assert refused.value.field == "union"
