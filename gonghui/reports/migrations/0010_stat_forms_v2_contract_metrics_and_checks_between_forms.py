from django.db import migrations, models

# Version 2 of both forms (docs/decisions.md, "统计年报: version 2"): a return keeps the form version
# it was opened on, so a signed return's hand-entered contract figures stay what they were; every
# return opened from now on files version 2. Its changes against version 1:
# - the contract fields read the contracts app's metrics as of 30 September instead of the hand;
# - the upper form checks its own entries against its reporting children's signed-off returns: each
#   summed field still equals their sum (fixed by aggregating again), and its contract totals, read
#   over the whole subtree (regional and industry contracts too), are not below their sum (or explained).
VERSION = 2
BOUND = {
    "GTJ-1": {"D02": "contracts.in_force", "D03": "contracts.wage_in_force", "D04": "contracts.workers_covered"},
    "GTJ-2": {"D02": "contracts.in_force", "D04": "contracts.workers_covered"},
}
SUMMED = ["A01", "A02", "B01", "B02", "B03", "B04", "B07", "C04", "E01", "E06"]
BETWEEN_FORMS = {"GTJ-2": [*((f"K{11 + i}", "child_sum", code) for i, code in enumerate(SUMMED)),
                           ("K21", "child_ge", "D02"), ("K22", "child_ge", "D04")]}


def forward(apps, schema_editor):
    StatForm = apps.get_model("reports", "StatForm")
    StatField = apps.get_model("reports", "StatField")
    StatCheck = apps.get_model("reports", "StatCheck")
    StatSection = apps.get_model("reports", "StatSection")
    for old in StatForm.objects.filter(code__in=list(BOUND), version=1):
        form, _ = StatForm.objects.update_or_create(code=old.code, version=VERSION, defaults={
            "name": old.name, "kind": old.kind, "from_year": old.from_year})
        sections = {}
        for section in StatSection.objects.filter(form=old):
            sections[section.pk], _ = StatSection.objects.update_or_create(
                form=form, code=section.code, defaults={"title": section.title, "order": section.order})
        for field in StatField.objects.filter(form=old):
            metric = BOUND[old.code].get(field.code)
            StatField.objects.update_or_create(form=form, code=field.code, defaults={
                "section": sections[field.section_id], "label": field.label, "label_en": field.label_en,
                "unit": field.unit, "order": field.order, "decimals": field.decimals, "is_text": field.is_text,
                "summed_above": field.summed_above, "where": {} if metric else field.where,
                "source": "metric" if metric else field.source, "metric": metric or field.metric})
        for check in StatCheck.objects.filter(form=old):
            StatCheck.objects.update_or_create(form=form, code=check.code, defaults={
                "kind": check.kind, "left": check.left, "right": check.right, "bound": check.bound})
        for code, kind, left in BETWEEN_FORMS.get(old.code, []):
            StatCheck.objects.update_or_create(form=form, code=code, defaults={
                "kind": kind, "left": left, "right": [], "bound": None})


def backward(apps, schema_editor):
    apps.get_model("reports", "StatForm").objects.filter(code__in=list(BOUND), version=VERSION).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0009_stat_return_subtree_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='statcheck',
            name='kind',
            field=models.CharField(choices=[('le', '不大于'), ('sum', '等于各项之和'), ('yoy', '同比变动'), ('required', '必填'), ('child_sum', '等于下级之和'), ('child_ge', '不小于下级之和')], max_length=10, verbose_name='审核关系'),
        ),
        migrations.RunPython(forward, backward),
    ]
