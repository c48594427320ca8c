"""A member's job priority is read from the hardship registry by the identity index: while the index
key rotates the member's row and the file may sit under different keys."""

import pytest

from gonghui.assistance.models import HardshipFile
from gonghui.core import crypto
from gonghui.jobs.services import application_apply
from gonghui.jobs.tests.test_applications import PROFILE, file_hardship, worker  # noqa: F401  (fixture)
from gonghui.testing.keys import index_key_rotating

pytestmark = pytest.mark.django_db


def test_a_file_recomputed_before_the_member_still_gives_priority(world, posting, worker, settings):  # noqa: F811
    member = world.membership.member
    file_hardship(member)
    with index_key_rotating(settings):
        HardshipFile.objects.update(worker_id_index=crypto.blind_index(f"{member.id_type}:{member.id_number}"))
        application = application_apply(worker=worker, posting_pk=posting().pk, consent=True, priority_consent=True,
                                        **PROFILE)
    assert application.priority is True
