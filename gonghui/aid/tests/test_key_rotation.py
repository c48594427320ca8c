"""An index key rotation recomputes a grant's person and household keys as the write paths would
have written them under the new key: typed in by ID number or by phone, or the worker of a household in file."""

import base64
import hashlib

import pytest
from django.utils import timezone

from gonghui.aid.models import AidGrant
from gonghui.aid.services import grant_add
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.retention import MINIMISED
from gonghui.core import crypto
from gonghui.core.key_rotation import index_key_report, rotate
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db

OLD = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def index_keys(settings):
    def use(spec: str) -> None:
        settings.GONGHUI_INDEX_KEY = spec
        crypto._index_keys.cache_clear()

    yield use
    crypto._index_keys.cache_clear()


def test_every_grant_key_is_recomputed_under_the_new_index_key(world, batch, index_keys):
    number, phone, in_file = make_person_id(), "13912345678", make_person_id()
    by_id = grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number=number, phone=""))
    by_phone = grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number="", phone=phone))
    make_file(world.grassroots, id_number=in_file)
    household = grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number=in_file))
    assert household.household_key.startswith("hh:") and household.household_key != household.person_index
    assert index_key_report() == []  # under the unchanged key the declarations give back what was written

    index_keys(f"i2:{NEW},{OLD}")
    rotate("index")
    index = crypto.blind_index
    assert AidGrant.objects.values_list("person_index", "household_key").get(pk=by_id.pk) == (
        f"id:{index(f'resident:{number}')}", f"id:{index(f'resident:{number}')}")
    assert AidGrant.objects.get(pk=by_phone.pk).person_index == f"phone:{index(phone)}"
    assert AidGrant.objects.values_list("person_index", "household_key").get(pk=household.pk) == (
        f"id:{index(f'resident:{in_file}')}", f"hh:{index(f'resident:{in_file}')}")
    assert index_key_report() == []


def test_grants_whose_household_files_were_archived_keep_their_keys_through_a_rotation(world, batch, index_keys):
    files = [make_file(world.grassroots, name="甲"), make_file(world.county, name="乙")]
    batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[f.pk for f in files])
    # Exited, then minimised by the retention sweep: the numbers and their indexes are gone.
    HardshipFile.objects.filter(pk__in=[f.pk for f in files]).update(
        **MINIMISED, status=Status.CLOSED, closed_at=timezone.now(), archived_at=timezone.now())
    grants = AidGrant.objects.filter(hardship_file__in=files).order_by("pk")
    stored = list(grants.values_list("person_index", "household_key"))
    assert len(stored) == 2

    index_keys(f"i2:{NEW},{OLD}")
    rotate("index")

    assert list(grants.values_list("person_index", "household_key")) == stored
    assert index_key_report() == []
