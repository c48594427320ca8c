import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.cases.dashboard import case_figures
from gonghui.cases.models import CaseAttachment
from gonghui.cases.services import (
    case_attach,
    case_callback,
    case_dispatch,
    case_intake,
    case_resolve,
    case_start,
)
from gonghui.cases.tests.conftest import call_data
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db


def test_the_figures_of_a_subtree_and_period(world, hotline, classified_case, django_assert_max_num_queries):
    fast = case_start(actor=hotline, case=classified_case("ordinary"))
    fast = case_resolve(actor=hotline, case=fast, outcome="当场答复", money_recovered="1000", people_helped=2)
    case_callback(actor=hotline, case=fast, rating="satisfied")
    slow = case_dispatch(actor=hotline, case=classified_case("hard"), union=world.county)
    case_intake(actor=hotline, union=world.province, data=call_data(channel="web"))
    now = timezone.now()
    period = {"start": now - datetime.timedelta(days=1), "end": now + datetime.timedelta(minutes=1)}
    with django_assert_max_num_queries(5):
        figures = case_figures(scope=scope_for(world.province_officer, Perm.STATS_VIEW), **period)
    assert (figures.calls, figures.work_orders, figures.resolved) == (2, 3, 1)
    assert figures.by_status["called_back"] == 1 and figures.by_status["dispatched"] == 1
    assert figures.by_difficulty == {"ordinary": 1, "hard": 1, "complex": 0}
    assert (figures.on_time_rate, figures.satisfaction_rate) == (1.0, 1.0)
    assert figures.closure_rate == round(1 / 3, 4)
    assert figures.money_recovered == Decimal("1000.00")
    county = case_figures(scope=scope_for(world.county_clerk, Perm.CASE_VIEW), **period)
    assert (county.work_orders, county.by_status["dispatched"]) == (1, 1) and slow.org_path == world.county.path
    with pytest.raises(NotFound):
        case_figures(scope=scope_for(world.county_clerk, Perm.CASE_VIEW), union=world.city, **period)
    assert case_figures(scope=scope_for(world.no_grants, Perm.CASE_VIEW), **period).work_orders == 0


def test_an_attachment_is_checked_for_type_size_and_content(world, hotline, new_case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GONGHUI_CASE_ATTACHMENT_MAX_MB = 1
    case = new_case()
    pdf = SimpleUploadedFile("工资条.pdf", b"%PDF-1.7 payslip", content_type="application/pdf")
    attachment = case_attach(actor=hotline, case=case, upload=pdf)
    assert attachment.size == 16 and len(attachment.sha256) == 64
    bad = [
        SimpleUploadedFile("run.exe", b"MZ", content_type="application/x-msdownload"),
        SimpleUploadedFile("fake.pdf", b"MZ not a pdf", content_type="application/pdf"),
        SimpleUploadedFile("photo.png", b"%PDF", content_type="application/pdf"),
        SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024), content_type="application/pdf"),
    ]
    codes = []
    for upload in bad:
        case.refresh_from_db()
        with pytest.raises(ValidationFailed) as refused:
            case_attach(actor=hotline, case=case, upload=upload)
        assert refused.value.field == "file" and refused.value.as_dict()["message_en"]
        codes.append(refused.value.code)
    assert codes == ["content_type", "signature", "extension", "too_large"]
    assert CaseAttachment.objects.count() == 1
