"""The position kinds and the services offered, as data an administrator extends."""

from django.db import migrations

# (code, name, short name, has the 模范职工之家 rating, is a studio)
KINDS = [
    ("home", "职工之家", "职工之家", True, False),
    ("library", "职工书屋", "职工书屋", False, False),
    ("station", "户外劳动者服务站点", "工会驿站", False, False),
    ("mother", "爱心妈妈小屋", "母婴室", False, False),
    ("counselling", "心理咨询室", "心理咨询", False, False),
    ("service_centre", "职工服务中心", "服务中心", False, False),
    ("palace", "工人文化宫", "文化宫", False, False),
    ("sanatorium", "疗休养基地", "疗休养", False, False),
    ("summer_care", "暑期爱心托管班", "爱心托管", False, False),
    ("studio", "劳模和工匠人才创新工作室", "创新工作室", False, True),
]

SERVICES = [
    ("water", "饮水"), ("meal", "热饭"), ("rest", "休息"), ("charging", "充电"), ("toilet", "如厕"),
    ("first_aid", "应急药箱"), ("reading", "阅读"), ("e_reading", "电子阅读"), ("nursing", "哺乳"),
    ("counselling", "心理咨询"), ("legal", "法律咨询"), ("repair", "工具维修"), ("cooling", "防暑降温"),
    ("heating", "取暖"),
]


def seed(apps, schema_editor):
    PositionKind = apps.get_model("positions", "PositionKind")
    PositionService = apps.get_model("positions", "PositionService")
    for order, (code, name, short, rating, studio) in enumerate(KINDS, start=1):
        PositionKind.objects.update_or_create(code=code, defaults={
            "name": name, "short_name": short, "has_rating": rating, "is_studio": studio, "order": order * 10})
    for order, (code, name) in enumerate(SERVICES, start=1):
        PositionService.objects.update_or_create(code=code, defaults={"name": name, "order": order * 10})


def unseed(apps, schema_editor):
    apps.get_model("positions", "PositionKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()
    apps.get_model("positions", "PositionService").objects.filter(code__in=[s[0] for s in SERVICES]).delete()


class Migration(migrations.Migration):
    dependencies = [("positions", "0001_service_positions")]
    operations = [migrations.RunPython(seed, unseed)]
