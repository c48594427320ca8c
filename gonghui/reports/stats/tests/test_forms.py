"""The seeded forms hold together: every check names fields of its own form, every metric-bound field
a declared metric and one of its dimensions, and every summed field of the upper form a code the
children's forms carry."""

import pytest

from gonghui.core.metrics import get_metric
from gonghui.reports.stats.choices import FormKind, Source
from gonghui.reports.stats.models import StatCheck, StatField, StatForm

pytestmark = pytest.mark.django_db


def test_each_check_names_fields_of_its_own_form():
    for check in StatCheck.objects.select_related("form"):
        codes = set(StatField.objects.filter(form=check.form).values_list("code", flat=True))
        assert {check.left, *check.right} <= codes, check


def test_each_metric_bound_field_names_a_declared_metric_and_dimension():
    for field in StatField.objects.filter(source=Source.METRIC):
        metric = get_metric(field.metric)
        for dimension in field.where:
            metric.dimension(dimension)


def test_the_upper_form_sums_codes_its_children_file():
    for version in (1, 2):
        upper = StatForm.objects.get(kind=FormKind.UPPER, version=version)
        grassroots = StatForm.objects.get(kind=FormKind.GRASSROOTS, version=version)
        filed = set(StatField.objects.filter(form=grassroots, summed_above=True).values_list("code", flat=True))
        summed = set(StatField.objects.filter(form=upper, source=Source.CHILDREN).values_list("code", flat=True))
        assert summed and summed <= filed
        assert 25 <= StatField.objects.filter(form=grassroots).count() <= 40
        assert 15 <= StatField.objects.filter(form=upper).count() <= 25
