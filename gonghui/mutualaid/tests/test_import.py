import io

import openpyxl
import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.members.services.registry import membership_leave
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.services import enrolment_bulk_create, enrolment_import
from gonghui.testing.world import make_person_id

from .conftest import member_of

pytestmark = pytest.mark.django_db


def csv_file(rows: list[list[str]], encoding: str = "utf-8") -> io.BytesIO:
    text = "\n".join(",".join(cells) for cells in rows) + "\n"
    return io.BytesIO(text.encode(encoding))


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


@pytest.fixture
def listing(world, plan):
    """A list with one good row and one of each kind of bad row, and the rows' expected findings."""
    good = member_of(world.grassroots, name="张三")
    enrolled_before = member_of(world.grassroots, name="钱七")
    enrolment_bulk_create(actor=world.county_clerk, plan=plan, members=[enrolled_before])
    left = member_of(world.grassroots, name="孙八")
    membership_leave(actor=world.county_admin, member=left, note="离职")
    elsewhere = member_of(world.county2, name="赵六")
    wrong_check = good.id_number[:17] + ("0" if good.id_number[17] != "0" else "1")
    rows = [
        ["2026年度职工住院互助参保名单", "", ""],  # a title row above the header
        ["序号", "姓名", "身份证号（必填）"],
        ["1", "张三", good.id_number.lower()],  # row 3: good (a lowercase x is fine)
        ["2", "周九", make_person_id()],  # row 4: nobody in the registry
        ["3", "孙八", left.id_number],  # row 5: left the union
        ["4", "张三", good.id_number],  # row 6: the same person again
        ["5", "赵六", elsewhere.id_number],  # row 7: a member of another county
        ["6", "钱七", enrolled_before.id_number],  # row 8: enrolled before, counted
        ["7", "王五", wrong_check],  # row 9: not a valid ID number
        ["", "", ""],  # blank rows are not rows
        ["8", "李四错", world.membership.member.id_number],  # row 11: name does not match
    ]
    expected = {4: "not_found_here", 5: "not_member", 6: "duplicate", 7: "not_found_here", 9: "check_digit",
                11: "name_mismatch"}
    return rows, expected, good


def test_a_preview_names_every_bad_row_and_writes_nothing(world, plan, listing):
    rows, expected, _good = listing
    report = enrolment_import(actor=world.county_clerk, plan=plan, file=csv_file(rows), filename="名单.csv")
    assert {issue.row: issue.code for issue in report.issues} == expected
    assert (report.rows, report.valid, report.already, report.committed) == (8, 1, 1, False)
    duplicate = next(i for i in report.issues if i.code == "duplicate")
    assert str(duplicate.text).startswith("第6行") and "与第3行重复" in str(duplicate.text)
    assert "*" in duplicate.id_masked  # the report never shows a whole ID number
    both = duplicate.as_dict()
    assert both["row"] == 6 and both["message_zh"].startswith("第6行") and both["message_en"]
    assert MutualAidEnrolment.objects.filter(plan=plan).count() == 1  # only the one enrolled before


def test_a_commit_writes_every_valid_row_in_one_batch(world, plan, listing):
    rows, expected, good = listing
    report = enrolment_import(actor=world.county_clerk, plan=plan, file=csv_file(rows, "gb18030"),
                              filename="名单.csv", commit=True, paid_on=plan.starts_on)
    assert report.committed and report.result is not None and report.result.enrolled == 1
    assert report.issue_count == len(expected)
    enrolment = MutualAidEnrolment.objects.get(plan=plan, member=good)
    assert (enrolment.source, enrolment.paid_on) == ("import", plan.starts_on)
    assert AuditEntry.objects.filter(action="mutualaid.enrol_import").count() == 1


def test_an_excel_list_is_read_and_a_member_beyond_the_scope_is_told_as_nobody_is(world, plan, grassroots_clerk):
    mine, theirs = member_of(world.grassroots), member_of(world.township)
    file = xlsx_file([["姓名", "证件号码"], [mine.name, mine.id_number], [theirs.name, theirs.id_number],
                      ["周九", make_person_id()]])
    report = enrolment_import(actor=grassroots_clerk, plan=plan, file=file, filename="名单.xlsx", commit=True)
    assert [(i.row, i.code) for i in report.issues] == [(3, "not_found_here"), (4, "not_found_here")]
    # Elsewhere or nobody: the same words, so the list cannot tell who is a member of another union.
    assert str(report.issues[0].text).split("）")[-1] == str(report.issues[1].text).split("）")[-1]
    assert list(MutualAidEnrolment.objects.values_list("member", flat=True)) == [mine.pk]


def test_a_file_without_an_id_column_is_refused(world, plan):
    with pytest.raises(ValidationFailed) as refused:
        enrolment_import(actor=world.county_clerk, plan=plan, file=csv_file([["姓名"], ["张三"]]), filename="a.csv")
    assert refused.value.field == "file"


def test_another_county_cannot_import_into_the_plan(world, plan, county2_admin):
    with pytest.raises(NotFound):
        enrolment_import(actor=county2_admin, plan=plan, file=csv_file([["证件号码"]]), filename="a.csv")


def test_a_commit_that_fails_part_way_leaves_nothing_written(world, plan, listing, monkeypatch):
    from gonghui.mutualaid.services import enrolment

    def broken(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(enrolment, "record_event", broken)
    rows, _expected, _good = listing
    with pytest.raises(RuntimeError):
        enrolment_import(actor=world.county_clerk, plan=plan, file=csv_file(rows), filename="名单.csv", commit=True)
    assert MutualAidEnrolment.objects.filter(plan=plan).count() == 1  # only the one enrolled before
