"""Awarding while the blind-index key rotates: the award is written under the new key, and the person
already in the 劳模 register under the old one is found (entered and revoked once, never twice)."""

import base64
import hashlib

import pytest

from gonghui.core import crypto
from gonghui.honours.choices import AwardLevel, ModelWorkerStatus
from gonghui.honours.models import ModelWorker
from gonghui.honours.services import award_make, award_revoke, notice_publish
from gonghui.honours.tests.conftest import D, issue, nominate, up_to_province

pytestmark = pytest.mark.django_db

OLD = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def nomination(world, cadres):
    call = issue(world, kind_code="province_model_worker")
    nominated = up_to_province(world, cadres, call, nominate(cadres.province, call, world.province, name="周劳模"))
    notice_publish(actor=cadres.province, call=call, starts_on=D(2027, 5, 10))
    nominated.refresh_from_db()
    return nominated


@pytest.fixture
def rotating(settings):
    """The new index key first, the old one kept: the window while the job runs (nothing recomputed yet)."""
    settings.GONGHUI_INDEX_KEY = f"i2:{NEW},{OLD}"
    crypto._index_keys.cache_clear()
    yield
    crypto._index_keys.cache_clear()


def _award(cadres, nomination):
    return award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                      decided_on=D(2027, 5, 20), today=D(2027, 5, 20))


def test_an_award_made_mid_rotation_is_indexed_under_the_new_key(cadres, nomination, rotating):
    award = _award(cadres, nomination)
    current = crypto.blind_index(f"{nomination.id_type}:{nomination.id_number}")
    assert nomination.id_index != current  # the nomination is not recomputed yet
    assert (award.id_index, award.nominee_key) == (current, f"p:{current}")


def test_a_person_in_the_register_under_the_old_key_is_found_not_entered_twice(world, cadres, nomination, rotating):
    old = nomination.id_index
    ModelWorker.objects.create(id_type=nomination.id_type, id_number=nomination.id_number, id_index=old,
                               id_masked=nomination.id_masked, name=nomination.name, title="市劳动模范",
                               level=AwardLevel.CITY, year=2020, union=world.province)
    award = _award(cadres, nomination)
    entry = ModelWorker.objects.get()
    assert (entry.id_index, entry.title, entry.level) == (old, "省劳动模范", AwardLevel.PROVINCE)
    award_revoke(actor=cadres.province, award=award, reason="违法违纪", revoked_on=D(2028, 1, 5))
    assert ModelWorker.objects.get().status == ModelWorkerStatus.REVOKED
