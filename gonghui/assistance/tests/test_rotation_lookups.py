"""While the index key rotates, a person's files are still found from another stored row (a file's
earlier files), and a file copied from a member not yet recomputed is indexed under the current key."""

import pytest

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.selectors import hardship_history
from gonghui.assistance.services import hardship_survey
from gonghui.assistance.tests.conftest import JINJIANG, chengdu_rule, survey  # noqa: F401  (the registry's fixtures)
from gonghui.core import crypto
from gonghui.testing.keys import index_key_rotating
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def test_a_files_earlier_file_under_the_old_key_stays_in_its_chain(world, survey, settings):  # noqa: F811
    number = make_person_id()
    earlier = survey(id_number=number)
    HardshipFile.objects.filter(pk=earlier.pk).update(status=Status.CLOSED)
    with index_key_rotating(settings):
        later = survey(id_number=number)  # written under the new key
        assert later.worker_id_index != earlier.worker_id_index
        assert [f.pk for f in hardship_history(file=later).chain] == [earlier.pk, later.pk]


def test_with_one_key_a_files_chain_reads_no_number(world, survey, django_assert_num_queries):  # noqa: F811
    file = HardshipFile.objects.defer("worker_id_number").get(pk=survey().pk)
    with django_assert_num_queries(6):
        assert [f.pk for f in hardship_history(file=file).chain] == [file.pk]
    assert "worker_id_number" in file.get_deferred_fields()


def test_a_file_surveyed_from_a_member_not_yet_recomputed_is_indexed_anew(world, chengdu_rule, settings):  # noqa: F811
    member = world.membership.member
    with index_key_rotating(settings):
        file = hardship_survey(actor=world.county_clerk, union=world.grassroots, worker={}, member=member,
                               causes=["illness"], adcode=JINJIANG)
        assert file.worker_id_index == crypto.blind_index(f"{member.id_type}:{member.id_number}")
        assert file.worker_id_index != member.id_index
