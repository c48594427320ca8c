"""A full media disk: a hardship document is refused naming its field, and nothing is left half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance.models import HardshipDocument, HardshipEvent, HardshipFile
from gonghui.assistance.services import hardship_apply_by_worker, hardship_attach
from gonghui.assistance.tests.test_portal_service import OTHER, pdf, stranger
from gonghui.core.errors import StorageFailed
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_it_refuses_a_document_on_a_full_disk_leaving_no_row_event_or_file(world, survey, full_media):
    file = survey()
    events = HardshipEvent.objects.filter(file=file).count()
    with pytest.raises(StorageFailed) as refused:
        hardship_attach(actor=world.county_clerk, file=file, kind="income",
                        upload=SimpleUploadedFile("收入证明.png", PNG, content_type="image/png"))
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not HardshipDocument.objects.exists() and HardshipEvent.objects.filter(file=file).count() == events
    assert full_media.files() == []


def test_it_refuses_a_portal_application_whose_second_document_finds_the_disk_full(world, chengdu_rule,
                                                                                   full_media):
    full_media.after = 1
    files = HardshipFile.objects.count()
    with pytest.raises(StorageFailed):
        hardship_apply_by_worker(worker=PortalWorker(phone=OTHER), application=stranger(), union=world.township,
                                 documents=[("income", pdf()), ("medical", pdf("诊断证明.pdf"))])
    assert HardshipFile.objects.count() == files and not HardshipDocument.objects.exists()
    assert full_media.files() == []
