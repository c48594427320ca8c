import datetime
import threading

import pytest
from django.utils import timezone

from gonghui.core.crypto import blind_index
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.idnumbers import mask_phone
from gonghui.core.permissions import Perm
from gonghui.core.text import pinyin_initials
from gonghui.members.cleaning import ID_NUMBER, NAME, require_clean
from gonghui.members.models import Member, Membership, MembershipEvent, RosterImport, Transfer
from gonghui.members.selectors import member_list
from gonghui.members.services import bulk
from gonghui.members.services.registry import member_admit, membership_leave
from gonghui.members.services.roster import (
    roster_commit,
    roster_commit_request,
    roster_upload,
    roster_validate,
    roster_validate_request,
)
from gonghui.members.tests.roster_files import (
    HEADER,
    csv_bytes,
    id_ending_in_x,
    person,
    upload,
    wrong_check_digit,
    xlsx_bytes,
)
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_member, make_person_id

pytestmark = pytest.mark.django_db
Status = RosterImport.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _validated(world, data: bytes, name: str, actor=None) -> RosterImport:
    actor = actor or world.county_admin
    ri = roster_upload(actor=actor, union=world.grassroots, file=upload(data, name))
    return roster_validate(actor=actor, roster_import=ri)


def _issues(ri: RosterImport) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for item in ri.issues.all():
        found.setdefault(item.row, set()).add(item.code)
    return found


def test_a_gbk_csv_with_every_kind_of_bad_row_is_explained_row_by_row(world):
    elsewhere = make_member(world.county2, name="吴敏").member
    good = make_person_id()
    x_id = id_ending_in_x()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in good)  # ０-９ as a Chinese input method types them
    full_width = full_width[:6] + "\u3000" + full_width[6:14] + " " + full_width[14:]
    rows = [
        person("赵一", 身份证号=good),                                    # row 2: fine
        person("钱二", 身份证号=wrong_check_digit(make_person_id())),     # row 3: check digit
        person("", 身份证号=make_person_id()),                           # row 4: no name
        person("孙三", 身份证号=""),                                      # row 5: no ID
        person("李四", 手机="12345"),                                     # row 6: bad phone
        person("周五", 民族="火星族"),                                    # row 7: unknown 民族
        person("吴六", 入会日期="2023.5.1"),                              # row 8
        person("郑七", 入会日期="2023/05/01"),                            # row 9
        person("王八", 入会日期="2023年5月1日"),                           # row 10
        person("冯九", 身份证号=x_id.lower()),                            # row 11: lowercase x
        person("陈十", 身份证号=full_width),                              # row 12: duplicate of row 2 (spaces)
        person("褚十一", 身份证号=world.membership.member.id_number),     # row 13: already a member here
        person("吴敏", 身份证号=elsewhere.id_number),                      # row 14: live member elsewhere
        person("卫十二", 入会日期="2099-01-01"),                           # row 15: joins in the future
    ]
    ri = _validated(world, csv_bytes(rows, encoding="gbk"), "名单.csv")
    assert ri.status == Status.VALIDATED
    assert (ri.total_rows, ri.valid_rows, ri.error_rows, ri.transfer_rows) == (14, 5, 8, 1)
    assert _issues(ri) == {3: {"check_digit"}, 4: {"required"}, 5: {"required"}, 6: {"format"}, 7: {"choice"},
                           12: {"duplicate"}, 13: {"already_member"}, 14: {"member_elsewhere"}, 15: {"invalid"}}
    assert {i.row: i.field for i in ri.issues.all()} == {3: "id_number", 4: "name", 5: "id_number", 6: "phone",
                                                          7: "ethnicity", 12: "id_number", 13: "id_number",
                                                          14: "id_number", 15: "join_date"}
    duplicate = ri.issues.get(row=12)
    assert "第2行" in duplicate.message_zh and "row 2" in duplicate.message_en.lower()
    assert good not in duplicate.value and duplicate.value.endswith(good[-4:])
    assert ri.issues.get(row=14).severity == "notice"

    ri = roster_commit(actor=world.county_admin, roster_import=ri)
    assert ri.status == Status.COMMITTED, ri.failure
    assert (ri.admitted_rows, ri.transfers_created) == (5, 1)
    joined = dict(Membership.objects.filter(union=world.grassroots, channel="roster").values_list(
        "member__name", "join_date"))
    assert joined["吴六"] == joined["郑七"] == joined["王八"] == datetime.date(2023, 5, 1)
    assert Member.objects.get(name="冯九").id_number == x_id.upper()
    assert Member.objects.get(name="赵一").id_number == good
    transfer = Transfer.objects.get(member=elsewhere)
    # The roster is not the worker's consent: the request waits for the worker to confirm.
    assert (transfer.to_union, transfer.origin, transfer.status) == (world.grassroots, "roster", "awaiting")
    assert Membership.objects.live().filter(member=elsewhere).count() == 1
    assert MembershipEvent.objects.filter(kind="admit", union=world.grassroots).count() == 5 + 1


def test_a_utf8_csv_with_a_bom_and_semicolons_is_read(world):
    rows = [person("许一"), person("何二", 入会日期="")]
    ri = _validated(world, b"\xef\xbb\xbf" + csv_bytes(rows, encoding="utf-8", delimiter=";"), "roster.CSV")
    assert (ri.valid_rows, ri.error_rows) == (2, 0)
    roster_commit(actor=world.county_admin, roster_import=ri)
    assert Membership.objects.get(member__name="何二").join_date == timezone.localdate()


def test_an_xlsx_with_excel_dates_and_an_id_turned_into_a_number(world):
    first, second = make_person_id(), make_person_id()
    third = next(n for n in iter(make_person_id, None) if n[-1] != "X")
    rows = [
        person("吕一", 身份证号=first, 入会日期=datetime.datetime(2022, 7, 1, 0, 0)),
        person("施二", 身份证号=second, 入会日期=45000),  # Excel's serial for 2023-03-15
        person("张三", 身份证号=float(third)),
        person("孔四", 身份证号=510104860606123, 入会日期="2021-01-01"),  # an old 15-digit number, as a number
    ]
    ri = _validated(world, xlsx_bytes(rows, title="某某公司工会会员花名册"), "名单.xlsx")
    assert ri.status == Status.VALIDATED, ri.failure
    assert _issues(ri) == {5: {"excel_number"}}
    assert "Excel" in ri.issues.get(row=5).message_zh
    roster_commit(actor=world.county_admin, roster_import=ri)
    dates = dict(Membership.objects.filter(channel="roster").values_list("member__name", "join_date"))
    assert dates["吕一"] == datetime.date(2022, 7, 1) and dates["施二"] == datetime.date(2023, 3, 15)
    assert len(Member.objects.get(name="孔四").id_number) == 18


def test_english_titles_are_understood_and_unknown_columns_are_reported(world):
    header = ["Full name", "ID number", "Mobile number", "工号", "Date joined"]
    ri = _validated(world, csv_bytes([["Li Lei", make_person_id(), "13800001111", "A-17", "2024-01-02"]],
                                     encoding="utf-8", header=header), "en.csv")
    assert ri.valid_rows == 1 and ri.ignored_columns == ["工号"]


def test_a_missing_required_column_is_named(world):
    ri = _validated(world, csv_bytes([["王五", "男"]], header=["姓名", "性别"]), "bad.csv")
    assert ri.status == Status.FAILED and "证件号码" in ri.failure_zh and "ID number" in ri.failure_en


@pytest.mark.parametrize("name, data, words", [
    ("名单.exe", b"MZ...", "不支持"),
    ("名单.xlsx", b"name,id\n", "不是有效的"),
    ("名单.csv", b"PK\x03\x04rest", "不是文本格式"),
])
def test_files_of_the_wrong_kind_are_refused_at_upload(world, name, data, words):
    with pytest.raises(ValidationFailed) as exc:
        roster_upload(actor=world.county_admin, union=world.grassroots, file=upload(data, name))
    assert words in str(exc.value.message) and exc.value.field == "file"


def test_a_file_over_the_limit_is_refused(world, settings):
    settings.GONGHUI_ROSTER_MAX_MB = 1
    with pytest.raises(ValidationFailed) as exc:
        roster_upload(actor=world.county_admin, union=world.grassroots,
                      file=upload(b"a" * (1024 * 1024 + 1), "big.csv"))
    assert exc.value.code == "too_big"


def test_a_row_that_becomes_invalid_before_the_commit_is_left_out_and_reported(world):
    here, there, fine = make_person_id(), make_person_id(), make_person_id()
    rows = [person("甲", 身份证号=here), person("乙", 身份证号=there), person("丙", 身份证号=fine)]
    ri = _validated(world, csv_bytes(rows), "r.csv")
    assert ri.valid_rows == 3
    # Meanwhile one joins this union at a stall, another joins a union elsewhere.
    member_admit(actor=world.county_admin, union=world.grassroots, data={"name": "甲", "id_number": here})
    member_admit(actor=world.province_officer, union=world.county2, data={"name": "乙", "id_number": there,
                                                                          "phone": "13912345678"})
    ri = roster_commit(actor=world.county_admin, roster_import=ri)
    assert (ri.status, ri.admitted_rows, ri.transfers_created, ri.error_rows) == (Status.COMMITTED, 1, 1, 1)
    late = ri.issues.get(row=2)
    assert late.at_commit and late.code == "already_member"
    assert Membership.objects.filter(member__id_index=Member.objects.get(name="甲").id_index).count() == 1
    # The counts are the commit's, not validation's: three rows, one admitted, one transfer, one error.
    assert (ri.total_rows, ri.valid_rows, ri.transfer_rows) == (3, 1, 1)


def test_nothing_is_half_written_when_the_commit_fails_midway(world, monkeypatch):
    moving = make_member(world.county2).member
    rows = [person(f"成员{i}") for i in range(12)] + [person("调入", 身份证号=moving.id_number)]
    ri = _validated(world, csv_bytes(rows), "r.csv")
    before = (Member.objects.count(), Membership.objects.count(), MembershipEvent.objects.count(),
              Transfer.objects.count())

    def broken(**kwargs):
        raise RuntimeError("the disk is full")  # after the members went in, before the transfers

    monkeypatch.setattr("gonghui.members.services.roster.create_transfers", broken)
    with pytest.raises(RuntimeError):
        roster_commit(actor=world.county_admin, roster_import=ri)
    after = (Member.objects.count(), Membership.objects.count(), MembershipEvent.objects.count(),
             Transfer.objects.count())
    assert after == before
    ri.refresh_from_db()
    assert ri.status == Status.FAILED and "未写入任何记录" in ri.failure_zh and ri.failure_en
    assert not ri.staged  # the sealed clean rows are not kept for an import that will not be retried


def test_a_join_that_races_the_commit_rolls_everything_back(world, monkeypatch):
    rows = [person(f"成员{i}") for i in range(3)]
    ri = _validated(world, csv_bytes(rows), "r.csv")
    target = Member
    # The race: between the re-check and the insert, someone else admits the last person of a batch.
    original = bulk._Writer._insert_members

    def racing(self, fresh, lines):
        last = fresh[-1]  # a Person: a flat tuple
        member_admit(actor=world.province_officer, union=world.county2,
                     data={"name": last[NAME], "id_number": last[ID_NUMBER]})
        return original(self, fresh, lines)

    monkeypatch.setattr(bulk._Writer, "_insert_members", racing)
    count = target.objects.count()
    ri = roster_commit(actor=world.county_admin, roster_import=ri)
    assert ri.status == Status.FAILED and "重新校验" in ri.failure_zh
    # The racing admission was part of the rolled-back transaction in this test; nothing of ours stayed.
    assert Membership.objects.filter(channel="roster").count() == 0
    assert target.objects.count() == count
    # The thread making the rows ahead stopped with the failed write, not later.
    assert not any(t.name == "ahead" for t in threading.enumerate())


def test_someone_who_left_rejoins_with_a_new_membership(world):
    old = world.membership
    membership_leave(actor=world.county_admin, member=old.member, note="离职")
    ri = _validated(world, csv_bytes([person("李四", 身份证号=old.member.id_number, 手机="13700000000")]), "r.csv")
    assert ri.valid_rows == 1
    ri = roster_commit(actor=world.county_admin, roster_import=ri)
    assert (ri.admitted_rows, ri.rejoined_rows) == (0, 1)
    member = Member.objects.get(pk=old.member_id)
    assert member.status == "active" and member.phone == "13700000000" and member.memberships.count() == 2
    assert member.events.filter(kind="rejoin").exists()


def test_another_provinces_cadre_can_neither_see_nor_commit_the_import(world):
    ri = _validated(world, csv_bytes([person()]), "r.csv")
    for service in (roster_validate, roster_commit, roster_commit_request):
        with pytest.raises(NotFound):
            service(actor=world.other_province_officer, roster_import=ri)


def test_a_commit_is_refused_when_no_row_is_valid(world):
    ri = _validated(world, csv_bytes([person("", 身份证号="123")]), "r.csv")
    assert ri.error_rows == 1 and not ri.committable
    with pytest.raises(ValidationFailed):
        roster_commit_request(actor=world.county_admin, roster_import=ri)


def test_the_header_aliases_cover_what_people_write():
    from gonghui.members.roster_columns import field_of

    for title, name in [("身份证号码", "id_number"), ("公民身份号码", "id_number"), ("联系电话", "phone"),
                        ("户籍", "household"), ("新业态群体", "new_form_group"), ("岗位/工种", "job"),
                        ("姓名*", "name"), ("身份证号（必填）", "id_number"), ("入会时间", "join_date")]:
        assert field_of(title) == name, title
    assert HEADER[1] == "身份证号"


def test_a_roster_name_with_invisible_characters_is_stored_clean_and_found(world):
    rows = [person("崔\u202e丽丽\u200b\u200d\ufeff"), person("阿依古丽 • 买买提", 身份证号=make_person_id())]
    ri = _validated(world, csv_bytes(rows, encoding="utf-8"), "名单.csv")
    assert not ri.issues.exists()
    roster_commit(actor=world.county_admin, roster_import=ri)
    names = set(Member.objects.filter(name__in=["崔丽丽", "阿依古丽·买买提"]).values_list("name", flat=True))
    assert names == {"崔丽丽", "阿依古丽·买买提"}
    found = member_list(scope=scope_for(world.county_admin, Perm.MEMBER_VIEW), query="崔丽丽")
    assert [m.name for m in found] == ["崔丽丽"]


def test_the_report_shows_an_id_cell_as_its_author_would_recognise_it(world):
    x_id = id_ending_in_x()
    rows = [
        person("张三", 身份证号=float(440301199001011234)),  # row 2: Excel made the ID a float
        person("李四", 身份证号=x_id),                       # row 3
        person("王五", 身份证号=x_id.lower()),               # row 4: the same person, a lowercase x
    ]
    ri = _validated(world, xlsx_bytes(rows), "名单.xlsx")
    floated, repeated = ri.issues.get(row=2), ri.issues.get(row=4)
    # As Excel shows the cell, not Python's repr masked into "4.4030***********e+17".
    assert (floated.code, floated.field, floated.value) == ("excel_number", "id_number", "4.40301E+17")
    assert "文本" in floated.message_zh
    assert repeated.code == "duplicate" and repeated.value == x_id[:6] + "********" + x_id[-4:]
    assert repeated.value.endswith("X")


def test_a_commit_on_a_stale_report_is_refused_and_validation_runs_again(world, django_capture_on_commit_callbacks):
    joins = make_person_id()
    ri = _validated(world, csv_bytes([person("甲", 身份证号=joins), person("乙")]), "r.csv")
    member_admit(actor=world.county_admin, union=world.grassroots, data={"name": "甲", "id_number": joins})
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict) as refused:
        roster_commit_request(actor=world.county_admin, roster_import=ri)
    assert refused.value.code == "stale" and "已过期" in str(refused.value.message)
    ri.refresh_from_db()
    assert (ri.status, ri.valid_rows, ri.error_rows) == (Status.VALIDATED, 1, 1)
    # The fresh report is not stale: asking again for validation changes nothing, the commit goes ahead.
    assert roster_validate_request(actor=world.county_admin, roster_import=ri).validated_at == ri.validated_at
    assert roster_commit_request(actor=world.county_admin, roster_import=ri).status == Status.COMMITTING


def test_an_upload_with_the_same_idempotency_key_finds_the_first_import(world):
    data = csv_bytes([person()])
    first = roster_upload(actor=world.county_admin, union=world.grassroots, file=upload(data, "r.csv"),
                          idempotency_key="hr-2026-001")
    again = roster_upload(actor=world.county_admin, union=world.grassroots, file=upload(data, "r.csv"),
                          idempotency_key="hr-2026-001")
    other_actor = roster_upload(actor=world.county_clerk, union=world.grassroots, file=upload(data, "r.csv"),
                                idempotency_key="hr-2026-001")
    assert again.pk == first.pk and other_actor.pk != first.pk and RosterImport.objects.count() == 2
    with pytest.raises(Conflict) as reused:
        roster_upload(actor=world.county_admin, union=world.township, file=upload(data, "r.csv"),
                      idempotency_key="hr-2026-001")
    assert reused.value.code == "idempotency_key_reused"


def test_a_roster_committed_to_a_single_employers_union_records_that_employer_on_each_member(world):
    rows = [person(f"成员{i}") for i in range(3)]
    ri = roster_commit(actor=world.county_admin, roster_import=_validated(world, csv_bytes(rows), "r.csv"))
    assert ri.admitted_rows == 3
    assert set(Member.objects.filter(name__startswith="成员").values_list("employer_id", flat=True)) == {
        world.employer.pk}


def test_a_union_of_several_employers_records_none_on_admission(world):
    from gonghui.testing.world import make_employer

    make_employer(world.grassroots, "示例科技第二有限公司")
    rows = [person(f"成员{i}") for i in range(2)]
    roster_commit(actor=world.county_admin, roster_import=_validated(world, csv_bytes(rows), "r.csv"))
    single = member_admit(actor=world.county_admin, union=world.grassroots,
                          data={"name": "单独", "id_number": make_person_id()})
    assert set(Member.objects.filter(name__startswith="成员").values_list("employer_id", flat=True)) == {None}
    assert single.member.employer_id is None


def test_every_column_of_a_roster_member_is_what_its_clean_record_says(world):
    # Free text holding what COPY's text format would misread, and a passport: no birth date, no phone.
    job, honours = "焊工\t二班\\夜班", '先进{个人}\\N "标兵"'
    header = ["姓名", "证件类型", "证件号码", "性别", "手机", "岗位", "所获荣誉", "入会日期"]
    number = make_person_id()
    rows = [["王建国", "居民身份证", number, "", "13912345678", job, honours, "2024-03-01"],
            ["安娜·米勒", "护照", "E12345678", "女", "", "", "", "2024-03-02"]]
    ri = roster_commit(actor=world.county_admin,
                       roster_import=_validated(world, csv_bytes(rows, header=header), "r.csv"))
    assert ri.admitted_rows == 2
    for data in ({"name": "王建国", "id_number": number, "phone": "13912345678", "job": job, "honours": honours},
                 {"name": "安娜·米勒", "id_type": "passport", "id_number": "E12345678", "gender": "女"}):
        clean = require_clean(data)
        member = Member.objects.get(id_index=clean.id_index)
        assert (member.name, member.name_initials, member.gender, member.birth_date) == (
            clean.name, pinyin_initials(clean.name)[:20], clean.gender, clean.birth_date)
        assert (member.id_type, member.id_number, member.id_masked) == (
            clean.identity.id_type, clean.identity.number, clean.identity.masked)
        assert (member.phone, member.phone_index, member.phone_masked) == (
            clean.phone, blind_index(clean.phone) if clean.phone else "", mask_phone(clean.phone))
        assert {f: getattr(member, f) for f in clean.values} == clean.values
        assert (member.union_id, member.org_path, member.status, member.version, member.employer_id) == (
            world.grassroots.pk, world.grassroots.path, "active", 1, world.employer.pk)
        assert member.created_at == member.updated_at
        assert member.memberships.get().join_date == datetime.date(2024, 3, 1 if clean.phone else 2)
