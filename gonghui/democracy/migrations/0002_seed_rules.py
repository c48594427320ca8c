"""The rules' numbers as first set: 《企业民主管理规定》(2012), 《集体合同规定》第三十六条, 公司法 (2023)
第六十八条. An administrator changes them afterwards; this only writes rows that are not there yet."""

from decimal import Decimal

from django.db import migrations

RULES = [
    ("assembly_below", Decimal(100), "", "企业民主管理规定 第八条"),
    ("min_delegates", Decimal(30), "", "企业民主管理规定 第十三条（各地实施办法）"),
    ("min_delegate_percent", Decimal(5), "", "企业民主管理规定 第十三条（各地实施办法）"),
    ("max_leader_percent", Decimal(20), "", "企业民主管理规定 第十三条"),
    ("proportion_tolerance", Decimal(5), "", "企业民主管理规定 第十三条：女职工和劳务派遣职工代表比例适当"),
    ("term_min_years", Decimal(3), "", "企业民主管理规定 第十一条"),
    ("term_max_years", Decimal(5), "", "企业民主管理规定 第十一条"),
    ("min_cosigners", Decimal(2), "", "职代会提案工作办法"),
    ("answer_working_days", Decimal(20), "", "职代会提案工作办法"),
    ("director_min_workers", Decimal(300), "", "公司法（2023）第六十八条"),
    ("director_ownerships", Decimal(0), "state,private,foreign,hmt,mixed", "公司法（2023）第六十八条：公司制企业"),
]

# (kind, quorum n/d, majority n/d, majority includes the number itself, source)
AGENDA = [
    ("contract_draft", 2, 3, 1, 2, True, "集体合同规定 第三十六条：三分之二以上出席，全体代表半数以上同意"),
    ("worker_rules", 2, 3, 1, 2, False, "企业民主管理规定 第十四条：全体职工代表过半数通过"),
    ("board_election", 2, 3, 1, 2, False, "企业民主管理规定 第十四条：全体职工代表过半数通过"),
    ("leader_review", 2, 3, 1, 2, False, "企业民主管理规定 第十四条：全体职工代表过半数通过"),
    ("other", 2, 3, 1, 2, False, "企业民主管理规定 第十四条：全体职工代表过半数通过"),
]


def seed(apps, schema_editor):
    DemocracyRule = apps.get_model("democracy", "DemocracyRule")
    AgendaRule = apps.get_model("democracy", "AgendaRule")
    for code, value, text, source in RULES:
        DemocracyRule.objects.get_or_create(code=code, defaults={"value": value, "text": text, "source": source})
    for kind, qn, qd, mn, md, inclusive, source in AGENDA:
        AgendaRule.objects.get_or_create(kind=kind, defaults={
            "quorum_numerator": qn, "quorum_denominator": qd, "quorum_base": "entitled", "quorum_inclusive": True,
            "majority_numerator": mn, "majority_denominator": md, "majority_base": "entitled",
            "majority_inclusive": inclusive, "source": source})


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_democratic_management")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
