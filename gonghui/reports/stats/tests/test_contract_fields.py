"""Version 2 of the forms reads the contract fields (D02–D04) from the contracts app's metrics as of
30 September; a return opened on version 1 keeps its hand-entered figures."""

import pytest

from gonghui.contracts.tests.conftest import in_force
from gonghui.core.errors import ValidationFailed
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.stats import services
from gonghui.reports.stats.choices import FormKind, Source
from gonghui.reports.stats.models import StatField, StatForm, StatReturn
from gonghui.reports.stats.selectors import form_for, values_of
from gonghui.reports.stats.tests.conftest import YEAR
from gonghui.reports.stats.tests.test_returns import TODAY, save
from gonghui.testing.world import add_holding_cadres

pytestmark = pytest.mark.django_db
CONTRACT_METRICS = {"D02": "contracts.in_force", "D03": "contracts.wage_in_force", "D04": "contracts.workers_covered"}


def test_version_2_binds_the_contract_fields_to_the_contract_metrics_and_is_the_form_new_returns_get(stats_world):
    grassroots, upper = (form_for(u, YEAR) for u in (stats_world.grassroots, stats_world.county))
    assert (grassroots.kind, grassroots.version, upper.kind, upper.version) == (FormKind.GRASSROOTS, 2,
                                                                                 FormKind.UPPER, 2)
    bound = {f.code: f.metric for f in StatField.objects.filter(form=grassroots, code__in=CONTRACT_METRICS)
             if f.source == Source.METRIC}
    assert bound == CONTRACT_METRICS
    assert {f.code: (f.source, f.metric) for f in StatField.objects.filter(form=upper, code__in=CONTRACT_METRICS)} == {
        "D02": (Source.METRIC, "contracts.in_force"), "D04": (Source.METRIC, "contracts.workers_covered")}
    old = StatForm.objects.get(kind=FormKind.GRASSROOTS, version=1)
    assert set(StatField.objects.filter(form=old, code__in=CONTRACT_METRICS).values_list("source", flat=True)) == {
        Source.HAND}


def test_a_prefilled_return_shows_the_contracts_in_force_on_30_september(stats_world):
    w = add_holding_cadres(stats_world)
    contract = in_force(w.grassroots_clerk, w.grassroots, employer=w.employer)  # in force from April 2026
    ret = services.return_open(actor=w.county_clerk, union=w.grassroots, year=YEAR, today=TODAY)
    values = values_of(ret)
    assert values["D02"].value == 1 and values["D03"].value == 1  # a 工资专项 contract
    assert values["D04"].value == contract.workers_covered > 0
    for code, name in CONTRACT_METRICS.items():
        live = figure(name, scope=Scope.all(), under=w.grassroots.path, period=Period.stat_year(YEAR), today=TODAY)
        assert values[code].value == live.value, code
    # The county's own return reads the same contracts over its whole subtree.
    county = services.return_open(actor=w.county_clerk, union=w.county, year=YEAR, today=TODAY)
    assert values_of(county)["D02"].value == 1
    # A figure from the records is explained, never typed over.
    with pytest.raises(ValidationFailed) as err:
        save(w, ret, {"D02": "3"})
    assert err.value.field == "D02" and err.value.code == "system_value"


def test_a_return_opened_on_version_1_keeps_its_hand_entered_contract_figures(stats_world):
    v1 = StatForm.objects.get(kind=FormKind.GRASSROOTS, version=1)
    ret = StatReturn.objects.create(form=v1, union=stats_world.grassroots, org_path=stats_world.grassroots.path,
                                    year=YEAR)
    save(stats_world, ret, {"D02": "2", "D04": "40"})
    assert values_of(ret)["D02"].value == 2 and values_of(ret)["D04"].value == 40


def test_the_export_holds_the_returns_signed_on_either_version_by_field_code(stats_world):
    from gonghui.orgs.scope import scope_for
    from gonghui.reports.stats.selectors import export_rows
    from gonghui.reports.stats.tests.test_levels import signed
    from gonghui.reports.stats.tests.test_returns import GOOD

    w = stats_world
    v1 = StatForm.objects.get(kind=FormKind.GRASSROOTS, version=1)
    old = StatReturn.objects.create(form=v1, union=w.hotel, org_path=w.hotel.path, year=YEAR)
    save(w, old, GOOD | {"D02": "2"})
    old.refresh_from_db()
    services.return_sign(actor=w.county_clerk, ret=old, version=old.version, name="王芳")
    signed(w, w.grassroots)
    fields, rows = export_rows(scope=scope_for(w.county_clerk, "stats.view"), year=YEAR, under=w.county.path,
                               kind=FormKind.GRASSROOTS)
    d02 = 3 + [f.code for f in fields].index("D02")
    assert {row[2]: row[d02] for row in rows} == {w.hotel.name: 2, w.grassroots.name: 0}
