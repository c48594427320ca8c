"""While the index key rotates, a 劳模's hardship files and a member's register entry are still found
from the other stored row, the two rows under different keys."""

import pytest

from gonghui.assistance.models import HardshipFile
from gonghui.assistance.tests.conftest import chengdu_rule, survey  # noqa: F401  (the registry's fixtures)
from gonghui.core import crypto
from gonghui.honours.hardship_selectors import register_hardship
from gonghui.honours.models import ModelWorker
from gonghui.honours.record_selectors import person_register_entry
from gonghui.honours.services import model_worker_mark_hardship
from gonghui.honours.tests.conftest import register_entry
from gonghui.orgs.scope import Scope, scope_for
from gonghui.testing.keys import index_key_rotating
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db


def _recompute(file: HardshipFile) -> HardshipFile:
    # What the rotation does to the file before it reaches the register.
    HardshipFile.objects.filter(pk=file.pk).update(
        worker_id_index=crypto.blind_index(f"{file.worker_id_type}:{file.worker_id_number}"))
    return HardshipFile.objects.get(pk=file.pk)


def test_a_model_workers_file_recomputed_first_is_still_found_and_linked(world, survey, settings):  # noqa: F811
    number = make_person_id(born="19750301")
    entry = register_entry(world, number)
    file = survey(id_number=number)
    with index_key_rotating(settings):
        file = _recompute(file)  # the register entry still under the old key
        shown = register_hardship(scope=scope_for(world.county_clerk, "hardship.view"), model_worker=entry)
        assert [f.pk for f in shown.candidates] == [file.pk]
        model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                                   hardship_file_id=file.pk)
    entry.refresh_from_db()
    assert entry.hardship_file_id == file.pk


def test_a_members_register_entry_recomputed_first_is_still_found(world, settings):
    member = world.membership.member
    entry = register_entry(world, member.id_number)
    with index_key_rotating(settings):
        ModelWorker.objects.filter(pk=entry.pk).update(
            id_index=crypto.blind_index(f"{entry.id_type}:{entry.id_number}"))
        found = person_register_entry(scope=Scope.all(), member=member)
    assert found is not None and found.pk == entry.pk
