"""Key rotation over every table the demo fills: each model's `blind_indexes` declaration recomputes
exactly what its write paths stored, and both jobs leave nothing under the old keys."""

import base64
import hashlib

import pytest

from gonghui.core import crypto
from gonghui.core.key_rotation import field_key_report, index_columns, index_key_report, rotate
from gonghui.members.models import Member
from gonghui.members.selectors import member_list
from gonghui.orgs.scope import Scope

pytestmark = pytest.mark.django_db

DEV_FIELD = base64.b64encode(hashlib.sha256(b"gonghui-dev-field-key").digest()).decode()
DEV_INDEX = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def new_keys(settings):
    settings.GONGHUI_FIELD_KEYS = f"k2:{NEW},dev:{DEV_FIELD}"
    settings.GONGHUI_INDEX_KEY = f"i2:{NEW},dev:{DEV_INDEX}"
    crypto._field_keys.cache_clear()
    crypto._index_keys.cache_clear()
    yield
    crypto._field_keys.cache_clear()
    crypto._index_keys.cache_clear()


def test_every_blind_index_declaration_recomputes_what_the_write_paths_stored(demo):
    filled = {model._meta.label_lower for model, _spec in index_columns() if model._base_manager.exists()}
    assert {"members.member", "assistance.hardshipfile", "cases.case", "aid.aidgrant"} <= filled
    assert index_key_report() == []


def test_both_rotations_over_the_demo_leave_nothing_under_the_old_keys(demo, new_keys, settings):
    member = Member.objects.filter(phone__gt="").order_by("pk").first()
    rotate("field")
    rotate("index")
    assert field_key_report() == [] and index_key_report() == []
    settings.GONGHUI_INDEX_KEY = f"i2:{NEW}"
    crypto._index_keys.cache_clear()
    assert list(member_list(scope=Scope.all(), query=member.id_number)) == [member]
