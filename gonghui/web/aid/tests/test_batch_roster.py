"""The batch's 发放花名册: the batch page's live rows and totals on paper, masked as the page shows them,
with the total in words and the lines to sign; opened by whoever may open the batch page."""

import pytest

from gonghui.aid.models import AidGrant
from gonghui.aid.services import batch_remove_grants, grant_add
from gonghui.aid.tests.conftest import worker
from gonghui.web.aid.tests.aid_setup import *  # noqa: F403 (the fixtures)
from gonghui.web.aid.tests.aid_setup import queries_of, text

pytestmark = pytest.mark.django_db


def test_the_roster_lists_the_live_rows_masked_with_the_pages_totals_in_figures_and_words(world, login, batch):
    people = [worker(name=n, payee_account="6222 0212 3456 7890") for n in ("赵大勇", "钱小红", "孙removed")]
    for person in people:
        grant_add(actor=world.county_clerk, batch=batch, data=person)
    removed = AidGrant.objects.get(name="孙removed")
    batch_remove_grants(actor=world.county_clerk, batch=batch, grant_ids=[removed.pk], reason="已由其他渠道帮扶")
    client = login("county_clerk")
    roster = text(client.get(f"/aid/batches/{batch.pk}/roster/"))
    for shown in ("送温暖发放花名册", "春节慰问第一批", "成都市锦江区总工会", "赵大勇", "钱小红", "6222********7890",
                  "签领人签名", "制表人（签字）", "审核人（签字）", "批准人（签字）", "（盖章）",
                  "2026-01-01 — 2026-02-28"):
        assert shown in roster, shown
    assert "孙removed" not in roster
    assert all(p["id_number"] not in roster for p in people) and "6222021234567890" not in roster
    # The same figures as the batch page's totals: 2 × (500 cash + 200 goods).
    page = text(client.get(f"/aid/batches/{batch.pk}/"))
    assert 'data-testid="total">1,400.00<' in page and 'data-testid="total">1,400.00<' in roster
    assert "合计 2 人" in roster and "<strong>壹仟肆佰元整</strong>" in roster
    assert f'href="/aid/batches/{batch.pk}/roster/"' in page


def test_another_county_gets_404_and_a_cadre_without_aid_work_403_as_on_the_batch_page(
        world, login, county2_admin, batch):
    other = login("aid_county2_admin")
    assert other.get(f"/aid/batches/{batch.pk}/").status_code == 404
    assert other.get(f"/aid/batches/{batch.pk}/roster/").status_code == 404
    nobody = login("no_grants")
    assert nobody.get(f"/aid/batches/{batch.pk}/").status_code == 403
    assert nobody.get(f"/aid/batches/{batch.pk}/roster/").status_code == 403


def test_the_roster_takes_as_many_queries_for_many_rows_as_for_few(world, login, batch):
    client = login("county_clerk")
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    few = queries_of(client, f"/aid/batches/{batch.pk}/roster/")
    for _ in range(5):
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    assert queries_of(client, f"/aid/batches/{batch.pk}/roster/") == few
