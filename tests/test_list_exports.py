"""Every registered list export, as a county cadre: it writes a workbook through the one service, and
nothing of another county (or province) reaches it. Each list page's 导出Excel names a registered export."""

import io
import re
from pathlib import Path

import openpyxl
import pytest

from gonghui.core.errors import PermissionDenied
from gonghui.core.exports import list_exports
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import employer_list
from gonghui.orgs.services import employer_risk_list
from gonghui.reports.services import export_start
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent / "gonghui" / "web" / "templates"


def cells(user, name, **filters):
    out = io.BytesIO()
    export_start(actor=user, name=name, filters=filters, out=out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    return [[str(v) for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]


def test_no_export_shows_another_countys_or_provinces_rows(world):
    for far in (make_employer(world.county2, "绵阳某某机械厂"), make_employer(world.other_city, "贵阳某某食品厂")):
        employer_risk_list(actor=SYSTEM, employer=far, reason="layoffs")
    ran = 0
    for export in list_exports():
        try:
            text = "\n".join("\t".join(r) for r in cells(world.county_admin, export.name, q="某某", queue="all"))
        except PermissionDenied:
            continue
        ran += 1
        assert "绵阳" not in text and "贵" not in text, export.name
    assert ran >= 8


def test_the_employer_and_union_exports_follow_the_lists_filters(world):
    make_employer(world.county, "锦江某某商贸公司")
    for unionized in (True, False):
        shown = employer_list(scope=scope_for(world.county_admin, Perm.ORG_VIEW), unionized=unionized)
        employers = cells(world.county_admin, "orgs.employers", unionized="1" if unionized else "0")
        assert [r[0] for r in employers[1:]] == [e.name for e in shown]
    assert len(cells(world.county_admin, "orgs.employers")) == 3
    unions = [r[0].strip("　") for r in cells(world.county_admin, "orgs.unions")[1:]]
    assert unions == ["成都市锦江区总工会", "春熙路街道工会", "示例科技有限公司工会委员会"]
    assert [r[0].strip("　") for r in cells(world.county_admin, "orgs.unions", q="春熙")[1:]] == ["春熙路街道工会"]


def test_the_risk_list_export_follows_the_pages_filters(world):
    near = make_employer(world.county, "锦江某某停产厂")
    employer_risk_list(actor=SYSTEM, employer=world.employer, reason="wage_arrears", listed_on="2025-02-01",
                       note="延期发薪")
    employer_risk_list(actor=SYSTEM, employer=near, reason="shutdown", listed_on="2025-05-01")
    rows = cells(world.county_admin, "orgs.risk_listings")
    assert rows[0][:4] == ["单位名称", "统一社会信用代码", "所属工会", "列入原因"]
    assert [r[0] for r in rows[1:]] == ["锦江某某停产厂", "示例科技有限公司"]
    assert rows[2][3:6] == ["欠薪隐患", "2025-02-01 00:00:00", "延期发薪"]
    assert [r[0] for r in cells(world.county_admin, "orgs.risk_listings", reason="shutdown")[1:]] == ["锦江某某停产厂"]
    assert [r[0] for r in cells(world.county_admin, "orgs.risk_listings", listed_to="2025-03-01")[1:]] == [
        "示例科技有限公司"]


def test_every_list_pages_export_button_names_a_registered_export():
    names = {e.name for e in list_exports()}
    used = set()
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r'list_tools\.html" with export="([\w.]+)"', template.read_text()))
    assert used and used <= names
    assert names - used == set(), "an export no page offers"
