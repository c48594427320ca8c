import datetime

from django.utils import timezone

from gonghui.assistance.choices import Status
from gonghui.assistance.models import HardshipFile
from gonghui.core.retention_sweep import sweep
from gonghui.web.hardship.tests.hardship_setup import *  # noqa: F403 (the fixtures)


def test_an_archived_file_says_so_offers_no_step_and_is_off_the_list(world, survey, login):
    file = survey()
    HardshipFile.objects.filter(pk=file.pk).update(status=Status.CLOSED,
                                                   closed_at=timezone.now() - datetime.timedelta(days=1096))
    sweep(only="exited_hardship_files")
    client = login("county_clerk")
    page = client.get(f"/hardship/{file.pk}/").content.decode()
    assert 'data-testid="archived-notice"' in page and "已归档的档案" in page
    assert file.worker_name not in page and 'data-testid="edit-household"' not in page
    assert f"/hardship/{file.pk}/" not in client.get("/hardship/", {"status": "closed"}).content.decode()
