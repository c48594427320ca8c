import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.members.models import Membership, RosterImport
from gonghui.members.services.registry import member_admit
from gonghui.members.tests.roster_files import csv_bytes, person, upload, wrong_check_digit
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
BASE = "/api/v1/members/roster-imports"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def send(api, union, data: bytes, name: str = "名单.csv", key: str | None = None):
    headers = {**api.headers, **({"Idempotency-Key": key} if key else {})}
    return api.client.post(BASE, {"union_id": union.pk, "file": upload(data, name)}, headers=headers)


def post(api, path: str):
    return api.client.post(BASE + path, headers=api.headers)


def audited(action: str, ri_id: int) -> int:
    return AuditEntry.objects.filter(action=f"member.roster_{action}", object_id=str(ri_id)).count()


def test_a_roster_goes_from_upload_to_members_through_the_api(world, api_as, django_capture_on_commit_callbacks):
    api = api_as("county_admin")
    bad = wrong_check_digit(make_person_id())
    rows = [person("赵一"), person("钱二", 身份证号=bad), person("孙三")]
    with django_capture_on_commit_callbacks(execute=True):
        created = send(api, world.grassroots, csv_bytes(rows))
    assert created.status_code == 201, created.content
    ri_id = created.json()["id"]
    assert created.json()["union"] == {"id": world.grassroots.pk, "name": world.grassroots.name}

    # Validation ran in the background, queued by the upload; asking again does not run it twice.
    validated = post(api, f"/{ri_id}/validate")
    body = validated.json()
    assert validated.status_code == 200 and body["status"] == "validated" and not body["running"]
    assert (body["total_rows"], body["valid_rows"], body["error_rows"], body["committable"]) == (3, 2, 1, True)
    assert audited("validate", ri_id) == 1

    report = api.get(f"/members/roster-imports/{ri_id}/issues", severity="error", limit=1)
    assert report.status_code == 200 and report.json()["count"] == 1
    item = report.json()["items"][0]
    assert (item["row"], item["field"], item["column"], item["code"]) == (3, "id_number", "证件号码", "check_digit")
    assert bad not in report.content.decode() and item["value"].endswith(bad[-4:])  # masked

    with django_capture_on_commit_callbacks(execute=True):
        committed = post(api, f"/{ri_id}/commit")
    assert committed.status_code == 202 and committed.json()["status"] == "committing"
    again = post(api, f"/{ri_id}/commit")
    assert again.status_code == 200 and again.json()["status"] == "committed" and again.json()["valid_rows"] == 2
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 2
    assert audited("commit_request", ri_id) == 1 and audited("commit", ri_id) == 1
    assert audited("upload", ri_id) == 1


def test_an_upload_retried_with_the_same_key_is_the_same_import(world, api_as):
    api, data = api_as("county_admin"), csv_bytes([person()])
    first = send(api, world.grassroots, data, key="hr-7f3a-0001")
    again = send(api, world.grassroots, data, key="hr-7f3a-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"] and RosterImport.objects.count() == 1
    # Another caller's key is theirs alone; a key reused for another union is a conflict, not a replay.
    assert send(api_as("county_clerk"), world.grassroots, data, key="hr-7f3a-0001").json()["id"] != first.json()["id"]
    reused = send(api, world.township, data, key="hr-7f3a-0001")
    assert (reused.status_code, reused.json()["code"]) == (409, "idempotency_key_reused")
    assert send(api, world.grassroots, data, key="含有 空格").status_code == 422


def test_a_commit_on_a_stale_report_is_refused_and_the_import_validated_again(
        world, api_as, django_capture_on_commit_callbacks):
    api, joins = api_as("county_admin"), make_person_id()
    with django_capture_on_commit_callbacks(execute=True):
        ri_id = send(api, world.grassroots, csv_bytes([person("甲", 身份证号=joins), person("乙")])).json()["id"]
    member_admit(actor=world.county_admin, union=world.grassroots, data={"name": "甲", "id_number": joins})
    with django_capture_on_commit_callbacks(execute=True):
        refused = post(api, f"/{ri_id}/commit")
    assert (refused.status_code, refused.json()["code"]) == (409, "stale")
    assert "校验报告已过期" in refused.json()["message_zh"] and refused.json()["message_en"]
    now = api.get(f"/members/roster-imports/{ri_id}").json()
    assert (now["status"], now["valid_rows"], now["error_rows"]) == ("validated", 1, 1)
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 0


def test_a_file_is_bounded_before_it_is_read(world, api_as, settings):
    settings.GONGHUI_ROSTER_MAX_MB = 1
    api = api_as("county_admin")
    big = send(api, world.grassroots, b"a" * (1024 * 1024 + 1), "big.csv")
    assert (big.status_code, big.json()["code"], big.json()["field"]) == (400, "too_big", "file")
    wrong = send(api, world.grassroots, b"MZ...", "名单.exe")
    assert wrong.status_code == 400 and wrong.json()["field"] == "file"
    assert RosterImport.objects.count() == 0


def test_a_commit_before_validation_is_done_is_refused_clearly(world, api_as):
    api = api_as("county_admin")
    ri_id = send(api, world.grassroots, csv_bytes([person()])).json()["id"]  # the validation task not run yet
    early = post(api, f"/{ri_id}/commit")
    assert (early.status_code, early.json()["code"]) == (409, "not_validated")
    assert post(api, f"/{ri_id}/validate").status_code == 202


def test_another_countys_union_and_imports_are_missing(world, api_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ri_id = send(api_as("county_admin"), world.grassroots, csv_bytes([person()])).json()["id"]
    other = api_as("other_province_officer")
    upload_there = send(other, world.grassroots, csv_bytes([person()]))
    assert (upload_there.status_code, upload_there.json()["field"]) == (404, "union_id")
    path = f"/members/roster-imports/{ri_id}"
    for response in (other.get(path), other.get(f"{path}/issues"), post(other, f"/{ri_id}/validate"),
                     post(other, f"/{ri_id}/commit")):
        assert response.status_code == 404, response.content
    # Seeing the union is not enough to import into it.
    assert send(api_as("auditor"), world.grassroots, csv_bytes([person()])).status_code == 403
    assert RosterImport.objects.count() == 1
