import pytest
from django.test import Client

from gonghui.testing.world import PASSWORD


@pytest.fixture
def login(client: Client):
    def as_user(username: str) -> Client:
        response = client.post("/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return as_user
