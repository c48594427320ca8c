"""The reads the console's plan and claim pages need: a claim's documents and a plan's own timeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.mutualaid.selectors import claim_documents, plan_timeline
from gonghui.mutualaid.services import claim_attach, claim_submit
from gonghui.mutualaid.tests.conftest import claim_data

pytestmark = pytest.mark.django_db


def test_a_claim_lists_its_documents_in_upload_order(world, enrolled, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    enrolment = enrolled()
    claim = claim_submit(actor=world.county_admin, enrolment=enrolment, data=claim_data(enrolment.plan),
                         documents=[SimpleUploadedFile("出院小结.pdf", b"%PDF-1.7 a", content_type="application/pdf")])
    claim_attach(actor=world.county_admin, claim=claim,
                 upload=SimpleUploadedFile("发票.pdf", b"%PDF-1.7 b", content_type="application/pdf"))
    assert [d.name for d in claim_documents(claim=claim)] == ["出院小结.pdf", "发票.pdf"]


def test_a_plan_timeline_leaves_the_claims_to_their_own(world, plan, enrolled):
    enrolment = enrolled()
    claim_submit(actor=world.county_admin, enrolment=enrolment, data=claim_data(enrolment.plan))
    actions = [e.action for e in plan_timeline(plan=plan)]
    assert actions == ["enrol_registry", "plan_open", "plan_create"]
