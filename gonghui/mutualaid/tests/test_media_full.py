"""A full media disk: a claim's document is refused naming its field, and nothing is left half-written."""

import pytest

from gonghui.core.errors import StorageFailed
from gonghui.mutualaid.models import MutualAidClaim
from gonghui.mutualaid.record_models import MutualAidClaimDocument, MutualAidEvent
from gonghui.mutualaid.services import claim_attach, claim_submit
from gonghui.mutualaid.tests.test_claims import pdf

from .conftest import claim_data

pytestmark = pytest.mark.django_db


def test_it_refuses_a_claim_whose_document_finds_the_disk_full_leaving_no_claim_or_file(
        world, grassroots_clerk, enrolled, full_media):
    enrolment = enrolled()
    with pytest.raises(StorageFailed) as refused:
        claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(enrolment.plan),
                     documents=[pdf()])
    assert (refused.value.code, refused.value.field) == ("storage_full", "documents")
    assert not MutualAidClaim.objects.exists() and not MutualAidClaimDocument.objects.exists()
    assert full_media.files() == []


def test_it_refuses_a_later_document_on_a_full_disk_leaving_no_row_event_or_file(world, grassroots_clerk, enrolled,
                                                                                 full_media):
    enrolment = enrolled()
    claim = claim_submit(actor=grassroots_clerk, enrolment=enrolment, data=claim_data(enrolment.plan))
    events = MutualAidEvent.objects.count()
    with pytest.raises(StorageFailed):
        claim_attach(actor=grassroots_clerk, claim=claim, upload=pdf())
    assert not MutualAidClaimDocument.objects.exists() and MutualAidEvent.objects.count() == events
    assert full_media.files() == []
