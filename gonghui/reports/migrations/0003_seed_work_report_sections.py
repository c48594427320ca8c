"""The work report's chapters, in the order of a union's annual report, and the first sentences over
the organisation and membership metrics; the other chapters' sentences come with their metrics.

Idempotent (gonghui.testing.reference_data re-seeds after transaction-less tests)."""

from django.db import migrations

SECTIONS = [
    ("org", "组织建设", 1),
    ("rights", "维权服务", 2),
    ("contracts", "集体合同与民主管理", 3),
    ("aid", "困难帮扶", 4),
    ("positions", "服务阵地与活动", 5),
    ("merit", "建功立业", 6),
    ("honours", "荣誉表彰", 7),
]
SENTENCES = [
    ("org", 1, "新建工会组织{unions.new}家，期末有基层工会组织{unions.grassroots}家。"),
    ("org", 2, "新发展会员{members.new}人，{members.new|yoy}；期末会员{members.total}人，其中女会员{members.women}人，"
               "占{members.women_share}%。"),
]


def seed(apps, schema_editor):
    Section = apps.get_model("reports", "ReportSection")
    Sentence = apps.get_model("reports", "ReportSentence")
    sections = {}
    for code, title, order in SECTIONS:
        sections[code], _ = Section.objects.get_or_create(code=code, defaults={"title": title, "order": order})
    for code, order, template in SENTENCES:
        Sentence.objects.get_or_create(section=sections[code], order=order,
                                       defaults={"template": template, "updated_by": "seed"})


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_work_report")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
