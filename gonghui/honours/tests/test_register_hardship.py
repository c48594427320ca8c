"""困难劳模: a register entry linked to the person's own file in the hardship registry, the file's
status and the aid it received read back, and every wrong file refused on the field it names."""

import pytest

from gonghui.assistance.tests.conftest import chengdu_rule, survey  # noqa: F401  (the registry's fixtures)
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.honours.hardship_selectors import register_hardship
from gonghui.honours.services import model_worker_mark_hardship
from gonghui.honours.tests.conftest import register_entry
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
HARDSHIP_VIEW = "hardship.view"


@pytest.fixture
def person_id():
    return make_person_id(born="19750301")


def test_it_links_the_model_workers_own_file_and_reads_its_status(world, survey, person_id):  # noqa: F811
    entry = register_entry(world, person_id)
    file = survey(id_number=person_id)
    model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                               hardship_file_id=file.pk)
    entry.refresh_from_db()
    assert entry.in_hardship and entry.hardship_file_id == file.pk
    assert AuditEntry.objects.filter(action="honours.register_hardship", object_id=str(entry.pk)).exists()
    shown = register_hardship(scope=scope_for(world.county_clerk, HARDSHIP_VIEW), model_worker=entry)
    assert shown.file == file and [f.pk for f in shown.candidates] == [file.pk] and not shown.linked_elsewhere


def test_it_refuses_a_file_of_another_person_naming_the_field(world, survey, person_id):  # noqa: F811
    entry = register_entry(world, person_id)
    stranger = survey()
    with pytest.raises(ValidationFailed) as refused:
        model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                                   hardship_file_id=stranger.pk)
    assert refused.value.field == "hardship_file"
    assert "张困难" in str(refused.value.message) and "周劳模" in str(refused.value.message)
    entry.refresh_from_db()
    assert not entry.in_hardship and entry.hardship_file_id is None


def test_it_refuses_a_file_outside_the_cadres_hardship_scope_as_if_missing(world, survey, person_id):  # noqa: F811
    # The same person, filed in 涪城区: 锦江区's clerk keeps the register entry but cannot see that file.
    entry = register_entry(world, person_id)
    elsewhere = survey(id_number=person_id, union=world.county2, actor=world.province_officer)
    with pytest.raises(ValidationFailed) as refused:
        model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                                   hardship_file_id=elsewhere.pk)
    assert refused.value.field == "hardship_file" and "不在您可查看" in str(refused.value.message)
    with pytest.raises(ValidationFailed) as missing:
        model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                                   hardship_file_id=999999)
    assert str(missing.value.message) == str(refused.value.message)
    assert register_hardship(scope=scope_for(world.county_clerk, HARDSHIP_VIEW), model_worker=entry).candidates == []


def test_another_countys_cadre_cannot_mark_the_entry(world, survey, person_id, cadres):  # noqa: F811
    entry = register_entry(world, person_id)
    with pytest.raises(NotFound):
        model_worker_mark_hardship(actor=cadres.county2, model_worker=entry, in_hardship=True)
    entry.refresh_from_db()
    assert not entry.in_hardship


def test_unflagging_drops_the_link(world, survey, person_id):  # noqa: F811
    entry = register_entry(world, person_id)
    file = survey(id_number=person_id)
    model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                               hardship_file_id=file.pk)
    model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=False,
                               hardship_file_id=file.pk)
    entry.refresh_from_db()
    assert not entry.in_hardship and entry.hardship_file_id is None


def test_a_linked_file_out_of_the_viewers_scope_is_said_but_not_shown(world, survey, person_id, cadres):  # noqa: F811
    entry = register_entry(world, person_id)
    file = survey(id_number=person_id)
    model_worker_mark_hardship(actor=world.county_clerk, model_worker=entry, in_hardship=True,
                               hardship_file_id=file.pk)
    entry.refresh_from_db()
    shown = register_hardship(scope=scope_for(cadres.county2, HARDSHIP_VIEW), model_worker=entry)
    assert shown.file is None and shown.linked_elsewhere and shown.candidates == []
