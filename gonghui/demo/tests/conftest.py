"""The demo province, built once per test module and rolled back afterwards."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from gonghui.orgs.models import TradeUnion

# The command's size for a module; a module that needs another sets `DEMO_SIZE` at its top.
DEMO_SIZE = {"unions": 60, "cases": 10}


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    size = getattr(request.module, "DEMO_SIZE", DEMO_SIZE)
    checkpoints = tmp_path_factory.mktemp("audit") / "checkpoints.jsonl"
    with django_db_blocker.unblock(), override_settings(
            GONGHUI_AUDIT_CHECKPOINT_FILE=str(checkpoints), GONGHUI_AUDIT_CHECKPOINT_SYSLOG="",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), transaction.atomic():
        call_command("demo", quiet=True, **size)
        yield TradeUnion.objects.get(parent__isnull=True)
        transaction.set_rollback(True)
