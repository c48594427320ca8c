"""A full media disk: a contract's attachment is refused naming its field, and nothing is left half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.contracts.models import ContractAttachment, ContractEvent
from gonghui.contracts.services import contract_attach
from gonghui.core.errors import StorageFailed
from gonghui.testing.world import make_employer

from .conftest import drafted

pytestmark = pytest.mark.django_db


def test_it_refuses_an_attachment_on_a_full_disk_leaving_no_row_event_or_file(world, full_media):
    contract = drafted(world.grassroots_clerk, world.grassroots, employer=make_employer(world.grassroots, "甲单位"))
    events = ContractEvent.objects.filter(contract=contract).count()
    with pytest.raises(StorageFailed) as refused:
        contract_attach(actor=world.grassroots_clerk, contract=contract,
                        upload=SimpleUploadedFile("决议.pdf", b"%PDF-1.4 x", content_type="application/pdf"))
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not ContractAttachment.objects.exists()
    assert ContractEvent.objects.filter(contract=contract).count() == events
    assert full_media.files() == []
