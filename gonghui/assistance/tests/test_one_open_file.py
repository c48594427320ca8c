"""One person, one open file, in the whole deployment, even when two unions survey at once."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import AlreadyFiled, hardship_apply, hardship_exit, hardship_reject, hardship_survey
from gonghui.assistance.tests.conftest import JINJIANG
from gonghui.testing.world import make_person_id

ONE_WRITER = pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite's in-memory test database has one "
                                "writer; CI runs this on PostgreSQL")


@pytest.mark.django_db
def test_a_second_survey_of_an_open_household_is_refused_naming_the_union_as_far_as_scope_allows(
        world, survey, county2_admin):
    worker_id = make_person_id()
    survey(id_number=worker_id)
    with pytest.raises(AlreadyFiled) as here:
        survey(id_number=worker_id, actor=world.province_officer, union=world.county2)
    assert "示例科技有限公司工会委员会" in str(here.value.message) and here.value.field == "worker_id_number"
    with pytest.raises(AlreadyFiled) as elsewhere:
        survey(id_number=worker_id.lower(), actor=county2_admin, union=world.county2)
    assert "其他工会" in str(elsewhere.value.message) and "示例" not in str(elsewhere.value.message)


@pytest.mark.django_db
def test_a_household_filed_under_the_old_index_key_is_still_open_while_the_key_rotates(world, survey, settings):
    import base64
    import hashlib

    from gonghui.core import crypto

    worker_id = make_person_id()
    survey(id_number=worker_id)
    old = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
    settings.GONGHUI_INDEX_KEY = f"i2:{base64.b64encode(b'n' * 32).decode()},{old}"
    crypto._index_keys.cache_clear()
    try:
        with pytest.raises(AlreadyFiled):
            survey(id_number=worker_id, actor=world.province_officer, union=world.county2)
    finally:
        crypto._index_keys.cache_clear()


@pytest.mark.django_db
def test_a_watched_household_stays_open_and_a_refused_one_may_be_surveyed_again(world, survey, filed_file,
                                                                                grassroots_reviewer):
    worker_id = make_person_id()
    file = hardship_exit(actor=world.county_clerk, file=filed_file(id_number=worker_id), reason="employed")
    with pytest.raises(AlreadyFiled):
        survey(id_number=worker_id)
    other_id = make_person_id()
    refused = hardship_reject(actor=grassroots_reviewer, reason="收入超标",
                              file=hardship_apply(actor=world.county_clerk, file=survey(id_number=other_id)))
    again = survey(id_number=other_id)
    assert again.previous_file_id == refused.pk and file.status == Status.WATCHED


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_open_file(world, survey):
    file = survey()
    copy = HardshipFile.objects.get(pk=file.pk)
    copy.pk = None
    copy.number = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


@pytest.mark.django_db(transaction=True)
@ONE_WRITER
def test_two_unions_surveying_one_person_at_once_leave_one_open_file(world, chengdu_rule, county2_admin):
    worker_id = make_person_id()
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def take(actor, union):
        barrier.wait()
        try:
            hardship_survey(actor=actor, union=union, worker={"name": "张困难", "id_number": worker_id},
                            causes=["illness"], adcode=JINJIANG)
            outcomes.append("ok")
        except AlreadyFiled as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else surfacing is itself a failure to explain
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(world.county_clerk, world.grassroots)),
               threading.Thread(target=take, args=(county2_admin, world.county2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["already_filed", "ok"]
    assert HardshipFile.objects.open().count() == 1
