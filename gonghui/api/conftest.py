import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from gonghui.accounts.login import api_token_issue

BASE = "/api/v1"


class ApiClient:
    """The Django test client speaking JSON to /api/v1, with a bearer token when one is given."""

    def __init__(self, token: str | None = None, client: Client | None = None, **environ: Any):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.environ = environ

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params, headers=self.headers, **self.environ)

    def send(self, method: str, path: str, data: Any = None) -> Any:
        body = json.dumps(data) if data is not None else ""
        return getattr(self.client, method)(BASE + path, body, content_type="application/json",
                                            headers=self.headers, **self.environ)

    def post(self, path: str, data: Any = None) -> Any:
        return self.send("post", path, data if data is not None else {})

    def patch(self, path: str, data: Any) -> Any:
        return self.send("patch", path, data)

    def delete(self, path: str) -> Any:
        return self.send("delete", path)


@pytest.fixture(autouse=True)
def _default_language():
    # The language middleware activates the caller's language and leaves it active in this thread;
    # a test that asks for English must not make the next test's fixtures run in English.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def api_as(world):
    """api_as("county_clerk") -> a client holding that persona's bearer token."""

    def make(persona: str, **environ: Any) -> ApiClient:
        _token, raw = api_token_issue(user=getattr(world, persona))
        return ApiClient(raw, **environ)

    return make


@pytest.fixture
def anonymous():
    return ApiClient()
