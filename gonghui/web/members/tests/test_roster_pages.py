import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from gonghui.members.models import Membership, RosterImport, Transfer
from gonghui.members.tests.roster_files import csv_bytes, person, upload, wrong_check_digit
from gonghui.testing.world import PASSWORD, make_member, make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, world, data: bytes, name: str, capture):
    # The validation task is enqueued when the upload's transaction commits; run it as production would.
    with capture(execute=True):
        return client.post(f"/orgs/{world.grassroots.pk}/members/roster/", {"file": upload(data, name)})


def test_a_roster_goes_from_upload_to_members(login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    elsewhere = make_member(world.county2).member
    bad = wrong_check_digit(make_person_id())
    rows = [person("赵一"), person("钱二", 身份证号=bad), person("孙三", 身份证号=elsewhere.id_number)]
    response = _upload(client, world, csv_bytes(rows), "名单.csv", django_capture_on_commit_callbacks)
    ri = RosterImport.objects.get()
    assert response["Location"] == f"/members/roster/{ri.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert ri.status == "validated" and 'data-testid="roster-counts"' in page
    assert "校验位错误" in page and bad not in page and bad[-4:] in page  # the ID shown masked
    assert 'data-testid="roster-commit"' in page

    errors = client.get(f"/members/roster/{ri.pk}/errors.xlsx")
    assert errors["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(errors.content)).get_sheet_by_index(0).to_python()
    assert sheet[0][-2:] == ["错误原因", "原行号"] and sheet[1][2] == bad and "校验位" in sheet[1][-2]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/roster/{ri.pk}/commit/")
    ri.refresh_from_db()
    assert ri.status == "committed"
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 1
    assert Transfer.objects.filter(member=elsewhere, to_union=world.grassroots, origin="roster").exists()
    assert 'data-testid="roster-result"' in client.get(f"/members/roster/{ri.pk}/").content.decode()


def test_a_second_commit_of_the_same_import_is_a_message_not_an_error_page(
        login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    _upload(client, world, csv_bytes([person("赵一")]), "名单.csv", django_capture_on_commit_callbacks)
    ri = RosterImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/roster/{ri.pk}/commit/")
    # Back and resubmit, or the same button in a second tab.
    again = client.post(f"/members/roster/{ri.pk}/commit/", follow=True)
    assert again.status_code == 200
    assert "该批次正在处理或已处理完毕" in again.content.decode()
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 1


def test_the_error_file_goes_back_in_once_fixed(login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    good = make_person_id()
    _upload(client, world, csv_bytes([person("李雷", 身份证号=good, 手机="123")]), "r.csv",
            django_capture_on_commit_callbacks)
    errors = client.get(f"/members/roster/{RosterImport.objects.get().pk}/errors.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(errors))
    book.active["F2"] = "13812345678"  # the phone column of the template's order
    fixed = io.BytesIO()
    book.save(fixed)
    _upload(client, world, fixed.getvalue(), "fixed.xlsx", django_capture_on_commit_callbacks)
    again = RosterImport.objects.order_by("-pk").first()
    assert (again.valid_rows, again.error_rows, again.ignored_columns) == (1, 0, [])


def test_the_progress_partial_polls_until_done_then_reloads(login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    client.post(f"/orgs/{world.grassroots.pk}/members/roster/", {"file": upload(csv_bytes([person()]), "r.csv")})
    ri = RosterImport.objects.get()  # the commit hook was not run: the task is still queued
    page = client.get(f"/members/roster/{ri.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page and "style=" not in page
    assert client.get(f"/members/roster/{ri.pk}/status/", HTTP_HX_REQUEST="true").status_code == 200
    RosterImport.objects.filter(pk=ri.pk).update(status="validated")
    done = client.get(f"/members/roster/{ri.pk}/status/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_a_wrong_file_is_refused_with_a_message(login, world):
    page = login("county_admin").post(f"/orgs/{world.grassroots.pk}/members/roster/",
                                      {"file": upload(b"MZ\x90\x00", "名单.exe")}).content.decode()
    assert "不支持" in page and RosterImport.objects.count() == 0


def test_the_template_has_the_headers_and_the_choice_lists(login, world):
    data = login("county_admin").get("/members/roster/template.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["姓名", "证件类型", "证件号码"]
    assert book.worksheets[1].sheet_state == "hidden" and sheet.data_validations.dataValidation


def test_another_provinces_cadre_gets_404_on_every_import_page(world, django_capture_on_commit_callbacks):
    owner, client = Client(), Client()
    owner.post("/login/", {"username": "county_admin", "password": PASSWORD})
    _upload(owner, world, csv_bytes([person()]), "r.csv", django_capture_on_commit_callbacks)
    ri = RosterImport.objects.get()
    client.post("/login/", {"username": "other_province_officer", "password": PASSWORD})
    for url in (f"/members/roster/{ri.pk}/", f"/members/roster/{ri.pk}/status/",
                f"/members/roster/{ri.pk}/errors.xlsx", f"/orgs/{world.grassroots.pk}/members/roster/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/members/roster/{ri.pk}/commit/").status_code == 404
    assert RosterImport.objects.get().status == "validated"


def test_the_report_query_count_does_not_grow_with_rows(login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    few = [person("", 身份证号=make_person_id()) for _ in range(3)]
    many = [person("", 身份证号=make_person_id()) for _ in range(60)]
    counts = []
    for rows in (few, many):
        _upload(client, world, csv_bytes(rows), "r.csv", django_capture_on_commit_callbacks)
        ri = RosterImport.objects.order_by("-pk").first()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/members/roster/{ri.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 12


def test_the_member_list_links_to_the_roster_import(login, world):
    page = login("county_admin").get("/members/").content.decode()
    assert f'href="/orgs/{world.county.pk}/members/roster/"' in page and "集体登记入会" in page


def test_a_dimension_bomb_is_refused_at_upload_with_the_limit_named(login, world, monkeypatch):
    from gonghui.core.tests import bombs

    monkeypatch.setattr("gonghui.core.tabular.read_with_calamine", bombs.unreachable)
    page = login("county_admin").post(f"/orgs/{world.grassroots.pk}/members/roster/",
                                      {"file": upload(bombs.dimension_bomb(), "名单.xlsx")}).content.decode()
    assert bombs.REFUSAL in page and RosterImport.objects.count() == 0


def test_a_stale_commit_is_refused_and_the_cards_show_the_roster_as_it_is_now(
        login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    rows = [person("赵一"), person("钱二")]
    _upload(client, world, csv_bytes(rows), "名单.csv", django_capture_on_commit_callbacks)
    first = RosterImport.objects.get()
    # The same people go in through a second import first: the first import's report is stale.
    _upload(client, world, csv_bytes(rows), "名单-副本.csv", django_capture_on_commit_callbacks)
    second = RosterImport.objects.exclude(pk=first.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/roster/{second.pk}/commit/")
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(f"/members/roster/{first.pk}/commit/", follow=True)
    assert "校验报告已过期" in refused.content.decode()
    first.refresh_from_db()
    # Validated again on the roster as it is now: nobody left to admit, nothing written twice.
    assert (first.status, first.valid_rows, first.error_rows) == ("validated", 0, 2) and not first.committable
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 2
    html = client.get(f"/members/roster/{first.pk}/").content.decode()
    cards = html.split('data-testid="roster-counts"')[1]
    admissible = cards.split("可以入会")[1].split("</div></div>")[0]
    assert '<div class="gh-stat-value">0<span' in admissible  # not the 2 the stale report counted


def test_after_a_commit_the_cards_show_what_the_commit_did(login, world, django_capture_on_commit_callbacks):
    client = login("county_admin")
    _upload(client, world, csv_bytes([person("赵一"), person("钱二")]), "名单.csv", django_capture_on_commit_callbacks)
    ri = RosterImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/roster/{ri.pk}/commit/")
    ri.refresh_from_db()
    assert ri.status == "committed"
    html = client.get(f"/members/roster/{ri.pk}/").content.decode()
    cards = html.split('data-testid="roster-counts"')[1].split('data-testid="roster-result"')[0]
    assert "可以入会" not in cards and "已入会" in cards
