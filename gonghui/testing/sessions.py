"""What a browser's session row holds in the database, as a backup or a database reader would see it."""

import json

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client


def stored_session(client: Client) -> str:
    """The decoded session row of the client's session, as text (empty when there is no row)."""
    row = Session.objects.filter(session_key=client.cookies["sessionid"].value).first()
    if row is None:
        return ""
    return json.dumps(SessionStore().decode(row.session_data), ensure_ascii=False)
