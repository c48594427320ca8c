import pytest
from django.test import Client

from gonghui.accounts import sms_backends


def portal_login(client: Client, phone: str) -> Client:
    """Through the real pages: the phone, the code read from the test SMS outbox, the verification."""
    response = client.post("/portal/login/", {"phone": phone})
    assert response.status_code == 302 and response["Location"] == "/portal/login/code/", response.content[:300]
    code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == phone)
    response = client.post("/portal/login/code/", {"code": code})
    assert response.status_code == 302, response.content[:300]
    return client


@pytest.fixture
def as_worker(client):
    return lambda phone: portal_login(client, phone)
