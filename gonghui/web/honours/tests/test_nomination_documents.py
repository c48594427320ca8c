"""A nomination's supporting documents: linked on its page, downloaded by whoever may see it, each opening audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.audit_models import AuditEntry
from gonghui.core.uploads import safe_download_name
from gonghui.honours.services import nomination_attach
from gonghui.honours.tests.conftest import nominate

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 deeds of the nominee"


@pytest.fixture
def document(cadres, grassroots_nomination):
    return nomination_attach(actor=cadres.grassroots, nomination=grassroots_nomination,
                             upload=SimpleUploadedFile("事迹材料.pdf", PDF, content_type="application/pdf"))


def test_the_nomination_page_links_each_document_and_the_link_downloads_it_audited(world, login, document):
    client = login("county_clerk")
    url = f"/honours/nominations/{document.nomination_id}/documents/{document.pk}/"
    assert f'href="{url}"' in client.get(f"/honours/nominations/{document.nomination_id}/").content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="honours.document_open", object_id=str(document.nomination_id)).exists()


def test_a_document_is_not_found_outside_the_scope_or_through_another_nomination(world, login, cadres, call,
                                                                                 document):
    other = nominate(cadres.grassroots, call, world.grassroots, name="王其他")
    client = login("other_province_officer")
    assert client.get(f"/honours/nominations/{document.nomination_id}/documents/{document.pk}/").status_code == 404
    client = login("county_clerk")
    assert client.get(f"/honours/nominations/{other.pk}/documents/{document.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action="honours.document_open").exists()


def test_a_stored_name_is_made_safe_for_the_download_header():
    assert safe_download_name('..\\evil"\r\nSet-Cookie: x.pdf') == "evilSet-Cookie: x.pdf"
    assert safe_download_name("../../") == "document"
    assert safe_download_name("事迹材料.pdf") == "事迹材料.pdf"
