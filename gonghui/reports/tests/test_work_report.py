"""The work report: sentences over metrics, generated for a union and period, its narrative, the
Word document and the templates."""

import datetime
import io
from decimal import Decimal

import docx
import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.periods import Period
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure
from gonghui.reports.workreport.models import ReportSection, ReportSentence
from gonghui.reports.workreport.services import (
    report_sentence_save,
    work_report_generate,
    work_report_narrative_save,
)
from gonghui.reports.workreport.templating import FORBIDDEN, check_template, plain_text, render
from gonghui.reports.workreport.word import work_report_docx
from gonghui.testing.world import make_user

D = datetime.date
PERIOD = Period.parse("2025")


def _said(template, values):
    parts, problem = render(template, period=PERIOD, under="0001", read=lambda name, p: values[p.key])
    return plain_text(parts), problem


@pytest.mark.parametrize(("values", "words"), [
    ({"2025": 120, "2024": 100}, "同比增长20.0%"),
    ({"2025": 90, "2024": 120}, "同比下降25.0%"),
    ({"2025": 7, "2024": 7}, "与上年同期持平"),
    ({"2025": 5, "2024": 0}, "上年同期为0"),
    ({"2025": 5, "2024": None}, "上年同期无数据"),
])
def test_a_change_on_a_year_earlier_is_said_in_words(values, words):
    assert _said("新发展会员{members.new}人，{members.new|yoy}。", values) == (
        f"新发展会员{values['2025']}人，{words}。", "")


def test_a_rate_changes_in_percentage_points():
    text, _ = _said("女会员占{members.women_share}%，{members.women_share|yoy}。",
                    {"2025": Decimal("41.5"), "2024": Decimal("40.0")})
    assert text == "女会员占41.5%，同比提高1.5个百分点。"


def test_a_figure_the_author_may_not_read_keeps_the_sentence_off_the_document():
    def read(name, period):
        raise NotFound()
    parts, problem = render("会员{members.total}人。", period=PERIOD, under="0001", read=read)
    assert problem == FORBIDDEN and plain_text(parts) == "会员—人。"


@pytest.mark.parametrize(("template", "why"), [
    ("新建工会{unions.nonsense}家", "unions.nonsense"), ("会员{members.total人", "花括号"),
    ("会员{members.total|mean}人", "|mean"), ("  ", "请填写"),
])
def test_a_template_that_cannot_be_rendered_is_refused_saying_why(template, why):
    with pytest.raises(ValidationFailed) as refused:
        check_template(template)
    assert refused.value.field == "template" and why in str(refused.value.message)


@pytest.fixture
def templates(db):
    """Two chapters of our own in place of the seeded ones, so each test knows every sentence."""
    ReportSentence.objects.all().delete()
    ReportSection.objects.all().delete()
    section = ReportSection.objects.create(code="org", title="组织建设", order=1)
    ReportSentence.objects.create(section=section, order=1,
                                  template="新建工会组织{unions.new}家，现有会员{members.total}人，{members.total|yoy}。")
    ReportSection.objects.create(code="rights", title="维权服务", order=2)
    return section


@pytest.mark.django_db
def test_a_county_generates_its_report_and_every_figure_is_its_metric(world, templates):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    [sentence] = report.body
    figures = [p for p in sentence["parts"] if isinstance(p, dict)]
    assert [f["metric"] for f in figures] == ["unions.new", "members.total", "members.total"]
    for part in figures[:2]:
        expected = figure(part["metric"], scope=Scope.all(), under=world.county.path, period=Period.parse("2026"))
        assert part["value"] == str(expected.value) and part["under"] == world.county.path
    assert report.title == "成都市锦江区总工会2026年工作报告"
    again = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    assert again.pk == report.pk and again.version == report.version + 1


@pytest.mark.django_db
def test_the_narrative_is_kept_across_regeneration_and_a_stale_edit_is_refused(world, templates):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    read_at = report.version
    saved = work_report_narrative_save(actor=world.county_admin, report=report, version=read_at,
                                       narrative={"org": "全年坚持“两个普遍”。", "rights": ""})
    assert saved.narrative == {"org": "全年坚持“两个普遍”。"}
    with pytest.raises(Conflict):  # a second editor who read the same version
        work_report_narrative_save(actor=world.county_admin, report=report, version=read_at,
                                   narrative={"org": "覆盖"})
    with pytest.raises(ValidationFailed) as refused:
        work_report_narrative_save(actor=world.county_admin, report=saved, version=saved.version,
                                   narrative={"nowhere": "x"})
    assert refused.value.field == "narrative"
    regenerated = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    assert regenerated.narrative == {"org": "全年坚持“两个普遍”。"}


@pytest.mark.django_db
def test_only_a_writer_over_the_union_generates_it(world, templates):
    with pytest.raises(NotFound):
        work_report_generate(actor=world.county_admin, union=world.county2, period=Period.parse("2026"))
    reader = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    with pytest.raises(PermissionDenied):
        work_report_generate(actor=reader, union=world.county, period=Period.parse("2026"))
    with pytest.raises(ValidationFailed):
        work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2999"))


@pytest.mark.django_db
def test_the_word_document_prints_the_sentences_the_narrative_and_where_each_figure_comes_from(world, templates):
    report = work_report_generate(actor=world.county_admin, union=world.county, period=Period.parse("2026"))
    report = work_report_narrative_save(actor=world.county_admin, report=report, version=report.version,
                                        narrative={"org": "第一段。\n第二段。", "rights": "维权工作有序开展。"})
    document = docx.Document(io.BytesIO(work_report_docx(report)))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "成都市锦江区总工会2026年工作报告"
    assert "一、组织建设" in text and "二、维权服务" in text
    assert any(t.startswith("新建工会组织") and "会员" in t for t in text)
    assert "第一段。" in text and "第二段。" in text and "维权工作有序开展。" in text
    [sources] = document.tables
    codes = [row.cells[1].text for row in sources.rows[1:]]
    assert codes == ["unions.new", "members.total", "members.total"]


@pytest.mark.django_db
def test_the_templates_are_kept_at_the_root_only(world, templates):
    with pytest.raises(PermissionDenied):
        report_sentence_save(actor=world.county_admin, section=templates, template="会员{members.total}人。", order=2)
    sentence = report_sentence_save(actor=world.national_admin, section=templates, template="会员{members.total}人。",
                                    order=2)
    changed = report_sentence_save(actor=world.national_admin, section=templates, sentence=sentence,
                                   version=1, template="会员共{members.total}人。", order=2)
    assert changed.version == 2 and changed.template == "会员共{members.total}人。"
    with pytest.raises(Conflict):
        report_sentence_save(actor=world.national_admin, section=templates, sentence=sentence,
                             version=1, template="x{members.total}", order=2)


def test_every_seeded_sentence_names_metrics_that_exist(db):
    sentences = list(ReportSentence.objects.all())
    assert {s.section.code for s in sentences} >= {"org", "rights", "contracts", "aid", "positions", "merit", "honours"}
    for sentence in sentences:
        assert check_template(sentence.template), sentence.template


@pytest.mark.django_db
def test_over_two_root_unions_only_a_writer_over_both_keeps_the_templates(world, templates):
    from gonghui.accounts.models import User
    from gonghui.accounts.services import grant_create
    from gonghui.core.audit_models import AuditEntry
    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.orgs.scope import SystemActor
    from gonghui.orgs.services import union_create_root
    from gonghui.reports.workreport.selectors import may_edit_templates

    system = SystemActor("tests")
    second = union_create_root(actor=system, name="某产业工会", kind=UnionKind.FEDERATION, level=Level.NATIONAL)
    assert not may_edit_templates(world.national_admin)
    with pytest.raises(PermissionDenied):
        report_sentence_save(actor=world.national_admin, section=templates, template="会员{members.total}人。",
                             order=2)
    # Over several roots a root union may be granted outside the account's own lineage by whoever
    # grants over every root (here the system actor, as `manage.py grant_all_roots`).
    grant_create(actor=system, user=world.national_admin, role=RoleCode.UNION_ADMIN, org=second)
    over_both = User.objects.get(pk=world.national_admin.pk)
    assert may_edit_templates(over_both)
    sentence = report_sentence_save(actor=over_both, section=templates,
                                    template="会员{members.total}人。", order=2)
    entry = AuditEntry.objects.get(action="work_report.sentence_add", object_id=str(sentence.pk))
    assert entry.org_path == ""  # the deployment's: every root union's auditor reads it
