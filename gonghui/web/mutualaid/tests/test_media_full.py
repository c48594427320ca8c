"""A full media disk while an enrolment list is kept for its confirmation: said on the file field."""

import pytest

from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.tests.conftest import member_of
from gonghui.web.mutualaid.tests.test_mutualaid_pages import enrolment_list_file, login, plan, text  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_list_that_cannot_be_kept_for_confirmation_is_refused_on_the_file_field(world, login, plan,  # noqa: F811
                                                                                  full_media):
    known = member_of(world.grassroots, name="吴十")
    page = login("county_admin").post(f"/mutual-aid/plans/{plan.pk}/import/", {
        "file": enrolment_list_file([["吴十", known.id_number]])})
    body = text(page)
    assert page.status_code in (200, 400) and 'name="staged"' not in body
    assert "存储空间不足，参保名单未能保存，请稍后重试或联系管理员。" in body
    assert not MutualAidEnrolment.objects.exists() and full_media.files() == []
