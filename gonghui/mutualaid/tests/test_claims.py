import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment
from gonghui.mutualaid.selectors import claim_get, claim_list, claim_timeline
from gonghui.mutualaid.services import (
    claim_approve,
    claim_attach,
    claim_diagnosis_reveal,
    claim_pay,
    claim_reject,
    claim_review,
    claim_submit,
)
from gonghui.mutualaid.workflow import TRANSITIONS, allowed_actions

from .conftest import claim_data, scope_of

pytestmark = pytest.mark.django_db


def pdf(name: str = "出院小结.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7 discharge summary", content_type="application/pdf")


@pytest.fixture
def submitted(world, grassroots_clerk, enrolled):
    def make(enrolment: MutualAidEnrolment | None = None, **data) -> MutualAidClaim:
        enrolment = enrolment or enrolled()
        return claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(enrolment.plan, **data))

    return make


def test_a_claim_goes_from_submission_to_payment_with_an_event_and_audit_row_at_each_step(
        world, grassroots_clerk, enrolled, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    enrolment = enrolled()
    claim = claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(enrolment.plan),
                         documents=[pdf()])
    assert (claim.status, claim.org_path, claim.plan_id) == ("submitted", world.grassroots.path, enrolment.plan_id)
    claim = claim_review(actor=grassroots_clerk, claim=claim, note="材料齐全")
    claim = claim_approve(actor=world.county_admin, claim=claim, amount="2800")
    claim = claim_pay(actor=world.county_clerk, claim=claim)
    assert (claim.status, claim.amount_approved, claim.paid_on) == ("paid", Decimal("2800.00"),
                                                                    timezone.localdate())
    assert [e.action for e in claim_timeline(claim=claim)] == ["claim_submit", "claim_review", "claim_approve",
                                                               "claim_pay"]
    actions = set(AuditEntry.objects.filter(object_type="mutualaid.mutualaidclaim").values_list("action", flat=True))
    assert actions == {"mutualaid.claim_submit", "mutualaid.claim_review", "mutualaid.claim_approve",
                       "mutualaid.claim_pay"}
    assert MutualAidEnrolment.objects.get(pk=enrolment.pk).approved_total == Decimal("2800.00")
    document = claim.documents.get()
    assert len(document.sha256) == 64 and document.content_type == "application/pdf"


def test_the_diagnosis_is_encrypted_kept_out_of_lists_and_logged_when_shown(world, grassroots_clerk, submitted):
    claim = submitted()
    with connection.cursor() as cursor:
        cursor.execute("SELECT diagnosis FROM mutualaid_mutualaidclaim WHERE id = %s", [claim.pk])
        stored = cursor.fetchone()[0]
    assert "阑尾炎" not in stored
    listed = claim_list(scope=scope_of(grassroots_clerk)).get()
    assert "diagnosis" in listed.get_deferred_fields()
    assert "阑尾炎" not in str(AuditEntry.objects.filter(action="mutualaid.claim_submit").get().detail)
    text = claim_diagnosis_reveal(actor=grassroots_clerk, claim=claim, reason="核对病历")
    assert text.startswith("急性阑尾炎")
    assert AuditEntry.objects.filter(action="mutualaid.claim_reveal_diagnosis", object_id=str(claim.pk)).exists()


def test_the_status_table_allows_only_its_own_steps(world, grassroots_clerk, submitted):
    assert TRANSITIONS["submitted"] == {"reviewed", "rejected"} and TRANSITIONS["paid"] == frozenset()
    assert allowed_actions("approved") == ["pay"]
    claim = submitted()
    with pytest.raises(ValidationFailed) as early:
        claim_approve(actor=world.county_admin, claim=claim, amount="100")
    assert early.value.code == "bad_transition"
    with pytest.raises(ValidationFailed):
        claim_pay(actor=world.county_admin, claim=claim)
    with pytest.raises(ValidationFailed) as no_reason:
        claim_reject(actor=world.county_admin, claim=claim, reason=" ")
    assert no_reason.value.field == "reason"
    claim = claim_reject(actor=world.county_admin, claim=claim, reason="非保障范围内疾病")
    assert (claim.status, claim.reason) == ("rejected", "非保障范围内疾病")
    for step in (lambda: claim_review(actor=grassroots_clerk, claim=claim),
                 lambda: claim_attach(actor=grassroots_clerk, claim=claim, upload=pdf())):
        with pytest.raises(ValidationFailed):
            step()


def test_the_members_union_reviews_and_the_plans_union_decides(world, grassroots_clerk, county2_admin, submitted):
    claim = submitted()
    with pytest.raises(NotFound):
        claim_review(actor=county2_admin, claim=claim)
    claim = claim_review(actor=grassroots_clerk, claim=claim)
    with pytest.raises(NotFound):
        claim_approve(actor=grassroots_clerk, claim=claim, amount="100")
    assert MutualAidClaim.objects.get(pk=claim.pk).status == "reviewed"


def test_an_approval_within_the_waiting_period_is_refused_and_the_day_after_it_ends_is_not(world, grassroots_clerk,
                                                                                        submitted):
    waiting = claim_review(actor=grassroots_clerk, claim=submitted(days_in=29))
    with pytest.raises(ValidationFailed) as refused:
        claim_approve(actor=world.county_admin, claim=waiting, amount="100")
    assert refused.value.code == "waiting_period"
    covered = claim_review(actor=grassroots_clerk, claim=submitted(days_in=30))
    assert claim_approve(actor=world.county_admin, claim=covered, amount="100").status == "approved"


def test_the_per_claim_limit_holds_at_the_cent(world, grassroots_clerk, submitted):
    claim = claim_review(actor=grassroots_clerk, claim=submitted(amount="9000"))
    with pytest.raises(ValidationFailed) as refused:
        claim_approve(actor=world.county_admin, claim=claim, amount="8000.01")
    assert refused.value.code == "over_limit" and "8,000.00元" in str(refused.value.message)
    assert claim_approve(actor=world.county_admin, claim=claim, amount="8000.00").amount_approved == Decimal("8000")


def test_the_yearly_remainder_is_shared_by_the_members_claims(world, grassroots_clerk, enrolled, submitted):
    enrolment = enrolled()
    first = claim_review(actor=grassroots_clerk, claim=submitted(enrolment, amount="8000"))
    claim_approve(actor=world.county_admin, claim=first, amount="8000")
    second = claim_review(actor=grassroots_clerk, claim=submitted(enrolment, days_in=60, amount="5000"))
    with pytest.raises(ValidationFailed) as refused:
        claim_approve(actor=world.county_admin, claim=second, amount="2000.01")
    assert refused.value.code == "over_limit" and "2,000.00元" in str(refused.value.message)
    claim_approve(actor=world.county_admin, claim=second, amount="2000")
    assert MutualAidEnrolment.objects.get(pk=enrolment.pk).approved_total == Decimal("10000.00")
    third = claim_review(actor=grassroots_clerk, claim=submitted(enrolment, days_in=70, amount="10"))
    with pytest.raises(ValidationFailed):
        claim_approve(actor=world.county_admin, claim=third, amount="1")
    # Another member's remainder is untouched.
    other = claim_review(actor=grassroots_clerk, claim=submitted(amount="8000"))
    assert claim_approve(actor=world.county_admin, claim=other, amount="8000").status == "approved"


def test_a_claim_is_checked_at_submission(world, grassroots_clerk, enrolled):
    enrolment = enrolled()
    plan = enrolment.plan
    cases = [({"kind": "accident_death"}, "kind"),
             ({"event_date": plan.starts_on - datetime.timedelta(days=1)}, "event_date"),
             ({"event_date": timezone.localdate() + datetime.timedelta(days=2)}, "event_date"),
             ({"amount_claimed": "0"}, "amount_claimed"), ({"diagnosis": ""}, "diagnosis")]
    for change, field in cases:
        with pytest.raises(ValidationFailed) as refused:
            claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(plan, **change))
        assert refused.value.field == field, change
    assert not MutualAidClaim.objects.exists()


def test_documents_are_checked_for_type_size_and_content(world, grassroots_clerk, submitted, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.GONGHUI_MUTUAL_AID_DOCUMENT_MAX_MB = 1
    claim = submitted()
    photo = SimpleUploadedFile("发票.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    assert claim_attach(actor=grassroots_clerk, claim=claim, upload=photo).size == 12
    bad = [SimpleUploadedFile("a.exe", b"MZ", content_type="application/x-msdownload"),
           SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf"),
           SimpleUploadedFile("a.png", b"%PDF-1.7", content_type="application/pdf"),
           SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024), content_type="application/pdf"),
           SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")]
    codes = []
    for upload in bad:
        with pytest.raises(ValidationFailed) as refused:
            claim_attach(actor=grassroots_clerk, claim=MutualAidClaim.objects.get(pk=claim.pk), upload=upload)
        codes.append(refused.value.code)
    assert codes == ["content_type", "signature", "extension", "too_large", "empty"]
    assert claim.documents.count() == 1


def test_a_step_on_a_stale_copy_is_a_conflict(world, grassroots_clerk, submitted):
    claim = submitted()
    first, second = MutualAidClaim.objects.get(pk=claim.pk), MutualAidClaim.objects.get(pk=claim.pk)
    claim_review(actor=grassroots_clerk, claim=first)
    with pytest.raises(Conflict):
        claim_reject(actor=world.county_admin, claim=second, reason="材料不全")
    with pytest.raises(Conflict):
        claim_review(actor=grassroots_clerk, claim=first, version=claim.version)


def test_a_claim_out_of_scope_is_not_found(world, submitted, county2_admin):
    claim = submitted()
    with pytest.raises(NotFound):
        claim_get(scope=scope_of(county2_admin), pk=claim.pk)
    assert claim_get(scope=scope_of(world.county_clerk), pk=claim.pk) == claim
