"""While the index key rotates the once-per-person and once-per-household guards still hold: an
earlier grant and the household's file (or the worker typed in now) may sit under different keys."""

import base64
import hashlib

import pytest

from gonghui.aid.dedup import person_key_of_index
from gonghui.aid.errors import DuplicateGrant
from gonghui.aid.models import AidGrant
from gonghui.aid.recipients import Recipient, clean_worker
from gonghui.aid.registry import household_key_of_worker
from gonghui.aid.services import batch_add_recipients, batch_select_eligible, grant_add
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.aid.worker_selectors import my_aid_grants
from gonghui.assistance.models import HardshipFile
from gonghui.core import crypto
from gonghui.members.models import Member
from gonghui.testing.world import make_member, make_person_id

pytestmark = pytest.mark.django_db

OLD = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def half_rotated(settings):
    """The deployment's one key, then the rotation's two keys (new first): what was written before
    stays under the old key until the run reaches it."""
    def start() -> None:
        settings.GONGHUI_INDEX_KEY = f"i2:{NEW},{OLD}"
        crypto._index_keys.cache_clear()

    yield start
    crypto._index_keys.cache_clear()


def _recompute_file(file: HardshipFile) -> None:
    # What the rotation does to the file, before it reaches the grants.
    HardshipFile.objects.filter(pk=file.pk).update(
        worker_id_index=crypto.blind_index(f"{file.worker_id_type}:{file.worker_id_number}"))


def test_a_worker_typed_again_under_the_new_key_is_refused(world, batch, new_batch, campaign, half_rotated):
    person = worker()
    grant_add(actor=world.county_clerk, batch=batch, data=person)
    half_rotated()
    with pytest.raises(DuplicateGrant):
        grant_add(actor=world.county_clerk, batch=new_batch(campaign, title="第二批"), data=person)


def test_a_worker_known_by_phone_typed_again_under_the_new_key_is_refused(world, batch, new_batch, campaign,
                                                                           half_rotated):
    grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number="", phone="13912345678"))
    half_rotated()
    with pytest.raises(DuplicateGrant):
        grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=worker(id_number="", phone="13912345678"))


def test_a_household_aided_under_the_old_key_is_refused_once_its_file_is_recomputed(world, batch, new_batch,
                                                                                     campaign, half_rotated):
    file = make_file(world.grassroots)
    batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[file.pk])
    half_rotated()
    _recompute_file(file)
    again = batch_add_files(actor=world.county_clerk, batch=new_batch(campaign), file_ids=[file.pk])
    assert again.added == 0 and again.duplicates[0]["reason"] == "already_aided"


def test_a_worker_typed_under_the_new_key_is_keyed_to_a_household_still_under_the_old_key(
        world, batch, new_batch, campaign, half_rotated):
    number = make_person_id()
    file = make_file(world.grassroots, id_number=number)
    batch_add_files(actor=world.county_clerk, batch=batch, file_ids=[file.pk])
    half_rotated()  # the file and its grant still under the old key; the worker typed now under the new
    with pytest.raises(DuplicateGrant):
        grant_add(actor=world.county_clerk, batch=new_batch(campaign), data=worker(id_number=number))
    assert AidGrant.objects.count() == 1


def test_selecting_the_registry_sets_aside_a_household_aided_under_the_other_key(world, batch, new_batch, campaign,
                                                                                 half_rotated):
    file = make_file(world.grassroots)
    grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number=file.worker_id_number))
    half_rotated()
    _recompute_file(file)
    selection = batch_select_eligible(actor=world.county_clerk, batch=new_batch(campaign))
    assert selection.added == 0
    assert [d["reason"] for d in selection.duplicates] == ["already_aided"]
    assert selection.duplicates[0]["earlier"] is not None


def test_with_one_key_the_registry_selection_decrypts_nothing(world, batch, new_batch, campaign, monkeypatch):
    make_file(world.grassroots)
    monkeypatch.setattr(crypto, "decrypt", lambda token: pytest.fail("decrypted with one index key"))
    assert batch_select_eligible(actor=world.county_clerk, batch=new_batch(campaign)).added == 1


def test_my_aid_finds_a_grant_under_the_old_key_from_a_member_recomputed_first(world, batch, half_rotated):
    member = make_member(world.grassroots, name="周晓红", phone="13800005555").member
    grant_add(actor=world.county_clerk, batch=batch, data=worker(id_number=member.id_number, phone=""))
    half_rotated()
    Member.objects.filter(pk=member.pk).update(id_index=crypto.blind_index(f"{member.id_type}:{member.id_number}"))
    assert len(my_aid_grants(phone="13800005555").grants) == 1


def test_one_person_listed_under_both_keys_is_listed_twice(world, new_programme, new_campaign, new_batch,
                                                           half_rotated):
    # Not once per household: the person guard alone must see the pair.
    batch = new_batch(new_campaign(new_programme(once_per_household=False)))
    file = make_file(world.grassroots)  # its index under the old key
    half_rotated()
    typed = clean_worker(worker(id_number=file.worker_id_number))  # keyed under the new key
    from_file = Recipient(name=file.worker_name, person_index=person_key_of_index(file.worker_id_index),
                          household_key=household_key_of_worker(file.worker_id_index), group="hardship",
                          is_member=False, hardship_file_id=file.pk)
    selection = batch_add_recipients(actor=world.county_clerk, batch=batch, recipients=[from_file, typed])
    assert selection.added == 1 and [d["reason"] for d in selection.duplicates] == ["listed_twice"]
