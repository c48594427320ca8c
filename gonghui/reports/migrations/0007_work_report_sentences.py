"""The work report's sentences for every chapter, over the metrics the domains now declare, in the
words of a union's annual report. Editable afterwards on the templates page.

Idempotent (gonghui.testing.reference_data re-seeds after transaction-less tests)."""

from django.db import migrations

SENTENCES = [
    ("rights", 1, "受理职工诉求{cases.received}件，{cases.received|yoy}；办结{cases.resolved}件，按时办结率"
                  "{cases.on_time_rate}%，涉及职工{cases.people_helped}人次，为职工挽回经济损失{cases.money_recovered}元。"),
    ("contracts", 1, "新签集体合同{contracts.signed}份，报送审查{contracts.filed}份，备案率{contracts.filing_rate}%；"
                     "期末有效集体合同{contracts.in_force}份，其中工资专项集体合同{contracts.wage_in_force}份，"
                     "覆盖职工{contracts.workers_covered}人。"),
    ("contracts", 2, "召开职代会{democracy.sessions}次，{democracy.disclosing_units}家单位开展厂务公开，公开事项"
                     "{democracy.disclosures}项。"),
    ("aid", 1, "新建档困难职工{hardship.filed}户，{hardship.exited}户解困脱困，期末在档{hardship.in_file}户；"
               "发放帮扶资金{aid.amount}元，帮扶职工{aid.people}人、{aid.times}人次。"),
    ("aid", 2, "职工互助保障参保{mutualaid.enrolled}人次，赔付{mutualaid.claims_paid}人次、{mutualaid.paid_amount}元。"),
    ("positions", 1, "期末有服务阵地{positions.stations}个，新建职工书屋{positions.new_libraries}家，服务职工"
                     "{positions.visits}人次；开展活动{activities.held}场次，参与{activities.attendance}人次，"
                     "覆盖会员{activities.members_reached}人。"),
    ("positions", 2, "举办招聘会{jobs.fairs}场次，进场企业{jobs.fair_employers}家，发布岗位{jobs.postings}个，"
                     "达成就业意向{jobs.intentions}人；会员普惠发放优惠券{benefits.issued}张，核销{benefits.redeemed}张。"),
    ("merit", 1, "开展劳动和技能竞赛{skills.competitions}项，征集五小和合理化建议{skills.suggestions}项，签订师带徒协议"
                 "{skills.apprenticeships}份，期末有创新工作室{skills.studios}个。"),
    ("honours", 1, "获得各级表彰{honours.awards}项。"),
]


def seed(apps, schema_editor):
    Section = apps.get_model("reports", "ReportSection")
    Sentence = apps.get_model("reports", "ReportSentence")
    sections = {s.code: s for s in Section.objects.all()}
    for code, order, template in SENTENCES:
        if code in sections:
            Sentence.objects.get_or_create(section=sections[code], order=order,
                                           defaults={"template": template, "updated_by": "seed"})


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_metric_figures")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
