"""One export path for every list: formula-safe cells, typed money and dates, the audit row, and the
background job for a large list, which writes the same workbook and is its owner's alone."""

import io
import itertools
import json

import openpyxl
import pytest
from django.test import Client, TestCase
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_classify, case_intake
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import PermissionDenied
from gonghui.core.retention_sweep import sweep
from gonghui.reports.models import ExportJob
from gonghui.reports.services import export_jobs_purge, export_start
from gonghui.testing.world import PASSWORD, make_user

pytestmark = pytest.mark.django_db
_phones = itertools.count(1)


@pytest.fixture
def case(world):
    hotline = make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)
    cadres = {world.province.pk: hotline}  # the holding union classifies; a union above only supervises

    def make(union, **data):
        data = {"caller_name": "张三", "caller_phone": f"137{next(_phones):08d}",
                "kind": "complaint", "employer_name": "某建筑劳务公司", "description": "被拖欠三个月工资。", **data}
        made = case_intake(actor=hotline, union=union, data=data).case
        if union.pk not in cadres:
            cadres[union.pk] = make_user(f"holder_{union.pk}", union, RoleCode.UNION_ADMIN)
        return case_classify(actor=cadres[union.pk], case=made, category="wages", difficulty="hard")

    return make


def sheet_of(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def export_bytes(user, name="cases.queue", **filters):
    out = io.BytesIO()
    with TestCase.captureOnCommitCallbacks(execute=True):  # a queued job runs on commit
        answer = export_start(actor=user, name=name, filters={"queue": "all", **filters}, out=out)
    return answer, out.getvalue()


def login(username):
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_value_that_reads_like_a_formula_goes_out_as_text(world, case):
    case(world.county, employer_name="=HYPERLINK(\"http://x\",\"y\")")
    _answer, data = export_bytes(world.county_admin)
    cell = sheet_of(data)["H2"]
    assert cell.value == "=HYPERLINK(\"http://x\",\"y\")" and cell.data_type == "s"


def test_dates_go_out_as_dates_and_the_header_in_chinese(world, case):
    case(world.county)
    _answer, data = export_bytes(world.county_admin)
    sheet = sheet_of(data)
    assert sheet["A1"].value == "案件编号"
    assert sheet["K2"].is_date and sheet["K2"].number_format == "yyyy-mm-dd hh:mm"


def test_every_export_is_audited_with_its_filters_and_a_typed_phone_masked(world, case):
    case(world.county)
    export_bytes(world.county_admin, category="wages", q="13712345678")
    entry = AuditEntry.objects.filter(action="export.list").get()
    assert entry.detail["export"] == "cases.queue" and entry.detail["rows"] == 0
    assert entry.detail["filters"]["category"] == "wages" and entry.detail["filters"]["q"] == "137****5678"
    assert "13712345678" not in json.dumps(entry.detail)


def test_it_refuses_a_person_without_the_lists_permission(world):
    with pytest.raises(PermissionDenied):
        export_bytes(world.no_grants)


def test_a_large_list_is_written_in_the_background_into_the_same_workbook(world, case, settings):
    for _ in range(3):
        case(world.county)
    _answer, direct = export_bytes(world.county_admin)
    settings.GONGHUI_EXPORT_DIRECT_ROWS = 2
    answer, nothing = export_bytes(world.county_admin)
    assert nothing == b"" and answer.job is not None
    job = ExportJob.objects.get(pk=answer.job.pk)  # the immediate backend ran it on commit
    assert (job.status, job.rows_done, job.rows_total) == ("done", 3, 3)
    with job.file.open("rb") as f:
        background = f.read()
    assert list(sheet_of(background).values) == list(sheet_of(direct).values)
    assert json.loads(job.filters) == {"queue": "all"}


def test_only_the_jobs_owner_may_see_or_download_it(world, case, settings):
    case(world.county)
    settings.GONGHUI_EXPORT_DIRECT_ROWS = 0
    owner = login("county_admin")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = owner.post("/exports/cases.queue/?queue=all")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/jobs/{job.pk}/"
    page = owner.get(f"/exports/jobs/{job.pk}/")
    assert "已导出 1 / 1 行" in page.content.decode()
    download = owner.get(f"/exports/jobs/{job.pk}/download/")
    assert download.status_code == 200 and sheet_of(b"".join(download.streaming_content))["A2"].value
    make_user("county_colleague", world.county, RoleCode.UNION_ADMIN)
    other = login("county_colleague")
    assert other.get(f"/exports/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/exports/jobs/{job.pk}/download/").status_code == 404


def test_a_small_list_is_answered_at_once_as_an_xlsx(world, case):
    case(world.county)
    case(world.county2)
    response = login("county_admin").post("/exports/cases.queue/?queue=all")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert len(list(sheet_of(b"".join(response.streaming_content)).values)) == 2  # header and the county's case


def test_an_export_is_a_form_not_a_link(world):
    assert login("county_admin").get("/exports/cases.queue/").status_code == 405


def _backdate(job: ExportJob, days: float) -> None:
    then = timezone.now() - timezone.timedelta(days=days)
    ExportJob.objects.filter(pk=job.pk).update(created_at=then, expires_at=then + timezone.timedelta(days=1))


def test_a_job_past_its_day_is_not_downloaded_and_its_row_goes_once_the_sweep_deleted_its_file(
        world, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case(world.county)
    settings.GONGHUI_EXPORT_DIRECT_ROWS = 0
    answer, _data = export_bytes(world.county_admin)
    job = ExportJob.objects.get(pk=answer.job.pk)
    # GONGHUI_RETAIN_EXPORT_FILE_DAYS (1 by default) from its start
    assert (job.expires_at - job.created_at).total_seconds() == pytest.approx(86_400, abs=1)
    storage, name = job.file.storage, job.file.name
    assert export_jobs_purge() == 0
    _backdate(job, 1 + 1 / 24)
    # Past its day: the owner is sent back to the job's page, which says the file is gone.
    client = login("county_admin")
    assert client.get(f"/exports/jobs/{job.pk}/download/").status_code == 302
    assert "文件已过保留期限" in client.get(f"/exports/jobs/{job.pk}/").content.decode()
    assert export_jobs_purge() == 0 and storage.exists(name)  # the file is the retention sweep's to delete
    with TestCase.captureOnCommitCallbacks(execute=True):
        (run,) = sweep(only="export_files")
    assert run.applied.count == 1 and not storage.exists(name)
    assert ExportJob.objects.get(pk=job.pk).file == ""
    assert export_jobs_purge() == 1 and not ExportJob.objects.exists()


def test_the_export_files_rule_deletes_only_files_past_the_period_and_nothing_else(world, case, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    case(world.county)
    settings.GONGHUI_EXPORT_DIRECT_ROWS = 0
    old, recent = (ExportJob.objects.get(pk=export_bytes(world.county_admin)[0].job.pk) for _ in range(2))
    _backdate(old, 1 + 1 / 24)
    _backdate(recent, 1 - 1 / 24)
    failed = ExportJob.objects.create(owner=world.county_admin, name="cases.queue", status=ExportJob.Status.FAILED)
    _backdate(failed, 30)
    other = default_storage.save("rosters/2026/01/名册.xlsx", ContentFile(b"roster"))  # another rule's file
    assert sweep(dry_run=True, only="export_files")[0].applied.count == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        (run,) = sweep(only="export_files")
    assert run.applied.count == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.file == "" and recent.file and recent.file.storage.exists(recent.file.name)
    assert default_storage.exists(other)
    entry = AuditEntry.objects.get(action="retention.sweep", object_id="export_files")
    assert (entry.detail["count"], entry.detail["days"], entry.detail["action"]) == (1, 1, "purge")
