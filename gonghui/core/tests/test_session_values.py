import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from gonghui.core import session_values

pytestmark = pytest.mark.django_db


def test_a_kept_value_is_sealed_and_read_back():
    session = SessionStore()
    session_values.keep(session, "k", {"id": "110101199003071234"})
    assert "110101199003071234" not in str(dict(session.items()))
    assert session_values.peek(session, "k") == {"id": "110101199003071234"}
    assert session_values.take(session, "k") == {"id": "110101199003071234"}
    assert session_values.take(session, "k", "gone") == "gone"


def test_a_value_expires_after_its_lifetime(monkeypatch):
    session = SessionStore()
    session_values.keep(session, "k", "13800001234", seconds=60)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert session_values.peek(session, "k", "") == ""
    assert "k" not in session


def test_a_sealed_value_moved_under_another_name_or_stored_plain_does_not_open():
    session = SessionStore()
    session_values.keep(session, "a", "13800001234")
    session["b"] = session["a"]
    session["c"] = "13800001234"
    assert session_values.peek(session, "b") is None
    assert session_values.peek(session, "c") is None
