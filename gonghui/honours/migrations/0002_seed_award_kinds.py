"""The award kinds the unions manage, as data an administrator extends (AwardKind)."""

from django.db import migrations

# (code, name, honour, level, nominee type, enters the 劳模 register, repeat years)
KINDS = [
    ("national_labour_medal", "全国五一劳动奖章", "labour_medal", "national", "person", False, 5),
    ("province_labour_medal", "省五一劳动奖章", "labour_medal", "province", "person", False, 5),
    ("city_labour_medal", "市五一劳动奖章", "labour_medal", "city", "person", False, 5),
    ("national_labour_award", "全国五一劳动奖状", "labour_award", "national", "collective", False, 5),
    ("province_labour_award", "省五一劳动奖状", "labour_award", "province", "collective", False, 5),
    ("city_labour_award", "市五一劳动奖状", "labour_award", "city", "collective", False, 5),
    ("national_pioneer_team", "全国工人先锋号", "pioneer_team", "national", "team", False, 5),
    ("province_pioneer_team", "省工人先锋号", "pioneer_team", "province", "team", False, 5),
    ("city_pioneer_team", "市工人先锋号", "pioneer_team", "city", "team", False, 5),
    ("national_model_worker", "全国劳动模范", "model_worker", "national", "person", True, 5),
    ("province_model_worker", "省劳动模范", "model_worker", "province", "person", True, 5),
    ("city_model_worker", "市劳动模范", "model_worker", "city", "person", True, 5),
    ("national_advanced_worker", "全国先进工作者", "advanced_worker", "national", "person", True, 5),
    ("province_advanced_worker", "省先进工作者", "advanced_worker", "province", "person", True, 5),
    ("city_advanced_worker", "市先进工作者", "advanced_worker", "city", "person", True, 5),
    ("national_finest_worker", "全国最美职工", "finest_worker", "national", "person", False, 0),
    ("province_finest_worker", "省最美职工", "finest_worker", "province", "person", False, 0),
    ("national_craftsman", "大国工匠", "craftsman", "national", "person", False, 0),
    ("province_craftsman", "省工匠", "craftsman", "province", "person", False, 0),
    ("city_craftsman", "市工匠", "craftsman", "city", "person", False, 0),
]


def seed(apps, schema_editor):
    AwardKind = apps.get_model("honours", "AwardKind")
    for order, (code, name, honour, level, nominee_type, register, years) in enumerate(KINDS, start=1):
        AwardKind.objects.update_or_create(code=code, defaults={
            "name": name, "honour": honour, "level": level, "nominee_type": nominee_type,
            "enters_register": register, "repeat_years": years, "order": order * 10})


def unseed(apps, schema_editor):
    apps.get_model("honours", "AwardKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_honours_calls_nominations_register")]
    operations = [migrations.RunPython(seed, unseed)]
