"""工作报告 console pages: generate, read with figures linked, write the narrative, download, templates."""

import io

import docx
import pytest
from django.urls import reverse

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.periods import Period
from gonghui.reports.workreport.models import WorkReport
from gonghui.reports.workreport.services import work_report_generate
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_a_county_generates_its_report_reads_it_and_writes_its_narrative(client, world):
    client.force_login(world.county_admin)
    page = client.get(reverse("web:work_report_list"))
    assert page.status_code == 200 and "生成报告" in page.content.decode()
    done = client.post(reverse("web:work_report_list"), {"union": world.county.pk, "period": "2026"})
    report = WorkReport.objects.get(union=world.county, period_key="2026")
    assert done.status_code == 302 and done["Location"] == reverse("web:work_report", args=[report.pk])
    body = client.get(done["Location"]).content.decode()
    assert "成都市锦江区总工会2026年工作报告" in body and "新建工会组织" in body and 'title="unions.new · 2026"' in body
    # Each figure opens its metric's page for this union and period, where its rows are.
    assert f'href="/reports/metrics/unions.new/?under={world.county.pk}&amp;period=2026#rows"' in body
    saved = client.post(done["Location"], {"version": report.version, "narrative_org": "推进“两个普遍”。"})
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.narrative == {"org": "推进“两个普遍”。"}
    stale = client.post(done["Location"], {"version": report.version - 1, "narrative_org": "覆盖"})
    assert stale.status_code == 400


def test_the_word_download_is_a_document_and_is_audited(client, world):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    client.force_login(world.county_admin)
    response = client.get(reverse("web:work_report_docx", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    assert document.paragraphs[0].text == report.title
    assert AuditEntry.objects.filter(action="work_report.download", object_id=str(report.pk)).exists()


def test_another_county_neither_reads_nor_generates_it(client, world):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    outsider = make_user("county2_admin", world.county2, RoleCode.UNION_ADMIN)
    client.force_login(outsider)
    for name in ("web:work_report", "web:work_report_docx"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    assert client.post(reverse("web:work_report_regenerate", args=[report.pk])).status_code == 404
    refused = client.post(reverse("web:work_report_list"), {"union": world.county.pk, "period": "2026"})
    assert refused.status_code == 400


def test_a_statistics_reader_reads_without_writing(client, world):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    reader = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    client.force_login(reader)
    body = client.get(reverse("web:work_report", args=[report.pk])).content.decode()
    assert "新建工会组织" in body and "保存工作叙述" not in body
    client.post(reverse("web:work_report", args=[report.pk]), {"version": report.version, "narrative_org": "x"})
    report.refresh_from_db()
    assert report.narrative == {}
    assert client.post(reverse("web:work_report_regenerate", args=[report.pk])).status_code == 403


def test_the_templates_are_edited_at_the_root_and_read_elsewhere(client, world):
    client.force_login(world.county_admin)
    page = client.get(reverse("web:work_report_templates")).content.decode()
    assert "{members.new}" in page and 'data-testid="sentence-form"' not in page
    client.force_login(world.national_admin)
    section = WorkReport._meta.apps.get_model("reports", "ReportSection").objects.get(code="rights")
    bad = client.post(reverse("web:work_report_templates"),
                      {"section": section.pk, "order": 5, "template": "维权{cases.nonsense}件", "is_active": "on"})
    assert bad.status_code == 400 and "cases.nonsense" in bad.content.decode()
    good = client.post(reverse("web:work_report_templates"),
                       {"section": section.pk, "order": 5, "template": "会员{members.total}人。", "is_active": "on"})
    assert good.status_code == 302
    assert "会员{members.total}人。" in client.get(reverse("web:work_report_templates")).content.decode()


@pytest.mark.parametrize("query", ["?edit=abc", "?edit=99999999999999999999", "?edit=%00"])
def test_a_bad_sentence_id_is_a_404_not_a_500(client, world, query):
    client.force_login(world.national_admin)
    assert client.get(reverse("web:work_report_templates") + query).status_code == 404
