"""The four kinds of 《集体合同规定》 and the key-term codebook, as data an administrator extends."""

from django.db import migrations

KINDS = [
    ("comprehensive", "综合性", False, 10),
    ("wage", "工资专项", True, 20),
    ("women", "女职工权益保护专项", False, 30),
    ("safety", "劳动安全卫生专项", False, 40),
]

# (topic code, topic name, [(variable code, name, unit, value type, plain words)])
CODEBOOK = [
    ("wages", "劳动报酬", [
        ("wages.increase_rate", "工资增长幅度", "%", "number", "今年工资比上年平均提高的幅度"),
        ("wages.lowest_paid", "企业最低工资", "元/月", "number", "本单位每月最低发放的工资，不低于当地最低工资标准"),
        ("wages.pay_day", "工资支付日", "日", "number", "每月发工资的日子"),
        ("wages.overtime_rule", "加班工资计发", "", "text", "加班工资怎么算"),
    ]),
    ("hours", "工作时间", [
        ("hours.weekly", "每周工作时间", "小时", "number", "每周工作多少小时"),
        ("hours.daily", "每日工作时间", "小时", "number", "每天工作多少小时"),
        ("hours.overtime_monthly_cap", "每月加班上限", "小时", "number", "每月加班最多多少小时"),
    ]),
    ("rest", "休息休假", [
        ("rest.annual_leave_days", "带薪年休假", "天", "number", "每年带薪年休假天数"),
        ("rest.weekly_rest_days", "每周休息日", "天", "number", "每周至少休息几天"),
    ]),
    ("welfare", "保险福利", [
        ("welfare.social_insurance", "依法缴纳社会保险", "", "yes_no", "单位是否为全体职工缴纳社会保险"),
        ("welfare.supplementary_pension", "企业年金", "", "yes_no", "是否建立企业年金"),
        ("welfare.health_check", "年度健康体检", "", "yes_no", "是否每年组织健康体检"),
    ]),
    ("women", "女职工保护", [
        ("women.maternity_leave_days", "产假", "天", "number", "女职工生育可休产假天数"),
        ("women.nursing_break_minutes", "哺乳时间", "分钟/日", "number", "哺乳期每天哺乳时间"),
        ("women.special_checkup", "女职工专项体检", "", "yes_no", "是否每年组织女职工专项体检"),
    ]),
    ("safety", "劳动安全卫生", [
        ("safety.protective_equipment", "劳动防护用品", "", "yes_no", "是否按规定发放劳动防护用品"),
        ("safety.occupational_health_check", "职业健康检查", "", "yes_no", "接触职业病危害的岗位是否做职业健康检查"),
        ("safety.training_hours", "安全培训", "小时/年", "number", "每年安全生产培训时间"),
    ]),
]


def seed(apps, schema_editor):
    kind_model = apps.get_model("contracts", "ContractKind")
    topic_model = apps.get_model("contracts", "TermTopic")
    variable_model = apps.get_model("contracts", "TermVariable")
    for code, name, is_wage, order in KINDS:
        kind_model.objects.update_or_create(code=code, defaults={"name": name, "is_wage": is_wage, "order": order})
    for t_order, (t_code, t_name, variables) in enumerate(CODEBOOK, start=1):
        topic, _ = topic_model.objects.update_or_create(code=t_code, defaults={"name": t_name, "order": t_order * 10})
        for v_order, (code, name, unit, value_type, words) in enumerate(variables, start=1):
            variable_model.objects.update_or_create(code=code, defaults={
                "topic": topic, "name": name, "unit": unit, "value_type": value_type, "plain_words": words,
                "order": v_order * 10})


class Migration(migrations.Migration):
    dependencies = [("contracts", "0001_collective_contracts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
