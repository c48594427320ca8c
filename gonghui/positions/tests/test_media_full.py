"""A full media disk: a position's photo is refused naming its field, and nothing is left half-written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.errors import StorageFailed
from gonghui.positions.models import PositionEvent, PositionPhoto
from gonghui.positions.services.positions import position_photo_add
from gonghui.positions.tests.setup import station

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_it_refuses_a_photo_on_a_full_disk_leaving_no_row_event_or_file(world, full_media):
    position = station(world)
    events = PositionEvent.objects.count()
    with pytest.raises(StorageFailed) as refused:
        position_photo_add(actor=world.county_clerk, position=position,
                           upload=SimpleUploadedFile("阵地.png", PNG, "image/png"))
    assert (refused.value.code, refused.value.field) == ("storage_full", "file")
    assert not PositionPhoto.objects.exists() and PositionEvent.objects.count() == events
    assert full_media.files() == []
