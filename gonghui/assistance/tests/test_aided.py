"""A paid aid batch marks its households aided: in one statement, within the scope, first date kept."""

import pytest

from gonghui.assistance.choices import Action, Status
from gonghui.assistance.models import HardshipEvent, HardshipFile
from gonghui.assistance.services import hardship_files_mark_aided

pytestmark = pytest.mark.django_db


def test_a_paid_batch_marks_its_households_in_file_aided(world, filed_file, survey, county2_admin):
    first, second, not_filed = filed_file(), filed_file(), survey()
    marked = hardship_files_mark_aided(actor=world.county_clerk, file_ids=[first.pk, second.pk, not_filed.pk],
                                       note="2026年送温暖")
    assert sorted(marked) == sorted([first.pk, second.pk])
    assert HardshipFile.objects.get(pk=not_filed.pk).status == Status.SURVEYED
    aided = HardshipFile.objects.get(pk=first.pk)
    assert aided.status == Status.AIDED and aided.aided_at is not None and aided.version == first.version + 1

    hardship_files_mark_aided(actor=world.county_clerk, file_ids=[first.pk], note="金秋助学")
    assert HardshipFile.objects.get(pk=first.pk).aided_at == aided.aided_at  # the first aid stays the stage time
    assert HardshipEvent.objects.filter(file_id=first.pk, action=Action.AID).count() == 2
    assert hardship_files_mark_aided(actor=county2_admin, file_ids=[second.pk], note="越权") == []
