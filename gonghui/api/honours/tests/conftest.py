import pytest

from gonghui.accounts.login import api_token_issue
from gonghui.api.conftest import ApiClient
from gonghui.honours.tests.conftest import cadres  # noqa: F401  (the fixture: a cadre at every level)


@pytest.fixture
def api_of():
    """api_of(user) -> a client holding that user's bearer token."""

    def make(user) -> ApiClient:
        _token, raw = api_token_issue(user=user)
        return ApiClient(raw)

    return make
