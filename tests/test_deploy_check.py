"""`manage.py check --deploy` must be clean under the production profile."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _production_env() -> dict[str, str]:
    key = base64.b64encode(os.urandom(32)).decode()
    # The browser tests' process sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "GONGHUI_PRODUCTION": "1",
        "GONGHUI_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
        "GONGHUI_ALLOWED_HOSTS": "gonghui.example.org",
        "GONGHUI_FIELD_KEYS": f"k1:{key}",
        "GONGHUI_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
        "GONGHUI_AUDIT_KEY": f"a1:{base64.b64encode(os.urandom(32)).decode()}",
        "GONGHUI_AUDIT_CHECKPOINT_KEY": base64.b64encode(os.urandom(32)).decode(),
        "GONGHUI_AUDIT_CHECKPOINT_FILE": "/var/log/gonghui/audit-checkpoints.jsonl",
    }


def test_the_production_profile_passes_the_deployment_checklist():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("secret", ["GONGHUI_FIELD_KEYS", "GONGHUI_AUDIT_KEY", "GONGHUI_AUDIT_CHECKPOINT_FILE"])
def test_production_refuses_to_start_without_its_secrets(secret):
    env = _production_env()
    del env[secret]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert secret in result.stderr


WARM_UP_PROBE = """
import sys
import config.wsgi
from django.db import connections
from django.urls import get_resolver
from django.utils.translation import trans_real
assert get_resolver()._populated, "the reverse tables are not built"
assert "gonghui.portal.urls" in sys.modules and "gonghui.api.urls" in sys.modules, "the URLconf is not imported"
assert {"en", "zh-hans"} <= set(trans_real._translations), sorted(trans_real._translations)
assert all(c.connection is None for c in connections.all()), "a database connection was opened before the fork"
print("warm")
"""


def test_the_app_gunicorn_forks_from_is_warm_and_holds_no_database_connection():
    # What each gunicorn worker inherits: without it every new worker spent seconds on its first request.
    result = subprocess.run([sys.executable, "-c", WARM_UP_PROBE], cwd=ROOT, env=_production_env(),  # noqa: S603
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "warm", result.stdout + result.stderr
