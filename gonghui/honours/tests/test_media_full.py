"""A full media disk: a nomination's document is refused naming its field, and nothing is left half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.errors import StorageFailed
from gonghui.honours.models import NominationDocument
from gonghui.honours.services import nomination_attach

from .conftest import nominate

pytestmark = pytest.mark.django_db


def test_it_refuses_a_document_on_a_full_disk_leaving_no_row_or_file(world, cadres, call, full_media):
    nomination = nominate(cadres.grassroots, call, world.grassroots)
    version = nomination.version
    with pytest.raises(StorageFailed) as refused:
        nomination_attach(actor=cadres.grassroots, nomination=nomination,
                          upload=SimpleUploadedFile("事迹.pdf", b"%PDF-1.4 deeds", content_type="application/pdf"))
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not NominationDocument.objects.exists()
    nomination.refresh_from_db()
    assert nomination.version == version  # the ATTACH step rolled back with the file
    assert full_media.files() == []
