"""Supporting documents: PDF and images only, within the size limit, with the digest kept."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance.models import HardshipEvent
from gonghui.assistance.services import hardship_attach
from gonghui.core.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_scan_is_kept_with_its_digest_and_an_event(world, survey):
    file = survey()
    document = hardship_attach(actor=world.county_clerk, file=file, kind="income",
                               upload=SimpleUploadedFile("收入证明.png", PNG, content_type="image/png"))
    assert (document.sha256, document.size, document.kind) == (hashlib.sha256(PNG).hexdigest(), len(PNG), "income")
    assert HardshipEvent.objects.filter(file=file, action="attach").exists()


@pytest.mark.parametrize(("name", "content", "content_type", "code"), [
    ("a.exe", b"MZ" + b"\x00" * 10, "application/octet-stream", "content_type"),
    ("a.pdf", PNG, "image/png", "extension"),
    ("a.png", b"not an image at all", "image/png", "signature"),
    ("a.png", b"", "image/png", "empty"),
])
def test_other_files_are_refused_naming_the_file_field(world, survey, name, content, content_type, code):
    with pytest.raises(ValidationFailed) as refused:
        hardship_attach(actor=world.county_clerk, file=survey(), kind="other",
                        upload=SimpleUploadedFile(name, content, content_type=content_type))
    assert (refused.value.field, refused.value.code) == ("file", code)


def test_a_document_over_the_limit_is_refused(world, survey, settings):
    settings.GONGHUI_HARDSHIP_DOCUMENT_MAX_MB = 1
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024), content_type="image/png")
    with pytest.raises(ValidationFailed) as refused:
        hardship_attach(actor=world.county_clerk, file=survey(), kind="medical", upload=big)
    assert refused.value.code == "too_large"


def test_another_county_cannot_attach(world, survey, county2_admin):
    with pytest.raises(NotFound):
        hardship_attach(actor=county2_admin, file=survey(), kind="income",
                        upload=SimpleUploadedFile("a.png", PNG, content_type="image/png"))
