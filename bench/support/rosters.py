"""Deterministic rosters for the import benchmark, and the django-import-export baseline.

Every identity number is valid and distinct (a real GB/T 2260 county code, a birth date, the check
character), except one row in `bad_every`, whose check character is wrong on purpose. Cells are
written the way real rosters come: mixed date forms, labels and aliases for the choices.
"""

import csv
import datetime
import io
import itertools
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import IdentityNumber, parse_resident_id, resident_check_character
from gonghui.core.text import pinyin_initials
from gonghui.members.cleaning import clean_member_data
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.services.regions import read_regions

HEADER = ["姓名", "身份证号", "性别", "民族", "手机号码", "学历", "政治面貌", "户籍类型", "用工形式", "新就业形态群体",
          "岗位", "技能等级", "入会日期"]
FIELDS = ["name", "id_number", "gender", "ethnicity", "phone", "education", "political_status", "household",
          "employment_form", "new_form_group", "job", "skill_level", "join_date"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌梅鑫波宇浩凯健俊帆帅旭宁龙林欣晨"
ETHNIC = ["汉族"] * 18 + ["回族", "藏族", "彝族", "壮族", "土家族", "苗族"]
EDUCATION = ["初中", "高中", "中专", "大专", "本科", "大学本科", "硕士研究生", "小学"]
POLITICAL = ["群众", "群众", "群众", "中共党员", "共青团员"]
HOUSEHOLD = ["农村户籍", "城镇户籍", "农业户口", "非农业户口", ""]
EMPLOYMENT = ["正式用工", "劳务派遣", "灵活就业", ""]
NEW_FORM = [""] * 8 + ["快递员", "网约送餐员", "货车司机"]
JOBS = ["焊工", "电工", "装配工", "质检员", "仓管员", "司机", "文员", "厨师", "保洁员", "车工"]
SKILL = ["", "", "初级工", "中级工", "高级工", "技师"]


_BASE = datetime.date(2015, 1, 1)


class RosterGenerator:
    def __init__(self, seed: int, *, bad_every: int = 0):
        self.rng = random.Random(seed)
        self.bad_every = bad_every
        _dataset, regions = read_regions()
        self.regions = [r.adcode for r in regions if r.level == 3 and r.current and self._known(r.adcode)]
        self.serial = itertools.count()
        self.samples: list[str] = []

    @staticmethod
    def _known(adcode: str) -> bool:
        body = f"{adcode}19800101001"
        try:
            parse_resident_id(body + resident_check_character(body))
        except ValidationFailed:
            return False
        return True

    def next_id(self) -> str:
        # Distinct by construction: the serial walks regions, then birth days.
        i = next(self.serial)
        regions, days = len(self.regions), 14_600
        born = datetime.date(1965, 1, 1) + datetime.timedelta(days=(i // regions) % days)
        # (region, birth day) is unique below regions × days (~40 million); the sequence digits vary the gender.
        body = f"{self.regions[i % regions]}{born:%Y%m%d}{i % 1000:03d}"
        return body + resident_check_character(body)

    def reserve(self, n: int) -> list[str]:
        return [self.next_id() for _ in range(n)]

    @staticmethod
    def identity(number: str) -> IdentityNumber:
        return parse_resident_id(number)

    def sample_ids(self, n: int) -> list[str]:
        return self.samples[:n]

    def _chunk(self, start: int, size: int) -> list[list[Any]]:
        """`size` rows, column by column: random.choices draws a whole column in one call."""
        r = self.rng
        numbers = [self.next_id() for _ in range(size)]
        for k in range(size):
            index = start + k
            if self.bad_every and index % self.bad_every == self.bad_every - 1:
                numbers[k] = numbers[k][:17] + ("0" if numbers[k][17] != "0" else "1")
            elif k % 20 == 7:
                numbers[k] = numbers[k].lower()  # an x typed in lower case
        surnames, first, second = (r.choices(SURNAMES, k=size), r.choices(GIVEN, k=size),
                                   r.choices(GIVEN, k=size))
        names = [a + b + (c if k % 3 else "") for k, (a, b, c) in enumerate(zip(surnames, first, second, strict=True))]
        days = r.choices(range(3650), k=size)
        forms = r.choices(range(4), k=size)
        groups = r.choices(NEW_FORM, k=size)
        employment = r.choices(EMPLOYMENT, k=size)
        phones = [f"1{p}{n:09d}" for p, n in zip(r.choices("3578", k=size), r.choices(range(10**9), k=size),
                                                     strict=True)]
        columns = [r.choices(ETHNIC, k=size), r.choices(EDUCATION, k=size), r.choices(POLITICAL, k=size),
                   r.choices(HOUSEHOLD, k=size)]
        jobs, skills, blank = r.choices(JOBS, k=size), r.choices(SKILL, k=size), r.choices((True, False), k=size)
        rows = []
        for k in range(size):
            joined = _BASE + datetime.timedelta(days=days[k])
            date_text = (f"{joined:%Y-%m-%d}", f"{joined.year}.{joined.month}.{joined.day}", f"{joined:%Y/%m/%d}",
                         f"{joined.year}年{joined.month}月{joined.day}日")[forms[k]]
            number = numbers[k]
            gender = "" if blank[k] else ("男" if int(number[16]) % 2 else "女")
            rows.append([names[k], number, gender, columns[0][k], phones[k], columns[1][k], columns[2][k],
                         columns[3][k], "新就业形态" if groups[k] else employment[k], groups[k], jobs[k], skills[k],
                         date_text])
        return rows

    def rows(self, n: int, also: list[str] | None = None) -> Iterator[list[Any]]:
        """n rows; the identity numbers in `also` (members elsewhere) replace evenly spread ones."""
        spots = {(k + 1) * n // (len(also) + 1): number for k, number in enumerate(also)} if also else {}
        for start in range(0, n, 10_000):
            for k, row in enumerate(self._chunk(start, min(10_000, n - start))):
                if start + k in spots:
                    row[1], row[2] = spots[start + k], ""  # the gender cell was for the replaced number
                yield row

    def write_csv(self, path: Path, n: int, also: list[str] | None = None) -> Path:
        # GBK with CRLF, as Excel on Chinese Windows saves "CSV (逗号分隔)".
        with path.open("w", encoding="gbk", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(HEADER)
            moving = set(also or ())
            for index, row in enumerate(self.rows(n, also)):
                writer.writerow(row)
                number = row[1].upper()
                # People the roster admits, for the check afterwards: valid, and not members elsewhere.
                if index % 997 == 0 and len(self.samples) < 50 and number not in moving \
                        and number[17] == resident_check_character(number[:17]):
                    self.samples.append(number)
        return path

    def write_xlsx(self, path: Path, n: int) -> Path:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("会员名单")
        sheet.append(HEADER)
        for row in self.rows(n):
            if self.rng.random() < 0.5:  # half the join dates as real date cells
                row[-1] = datetime.datetime(2020, 1 + self.rng.randrange(12), 1 + self.rng.randrange(28))
            sheet.append(row)
        book.save(path)
        return path


# --- django-import-export, plainly --------------------------------------------------------------------

def _resource_class(union: TradeUnion) -> Any:
    from import_export import fields, resources

    from gonghui.members.models import Member, Membership, MembershipEvent

    class MemberResource(resources.ModelResource):
        """What a project would write: the roster's columns, our cleaning in the row hook, the derived
        columns and the membership in the save hooks. Everything else is the library's default."""

        name = fields.Field(attribute="name", column_name="姓名")
        id_number = fields.Field(attribute="id_number", column_name="身份证号")
        gender = fields.Field(attribute="gender", column_name="性别")
        ethnicity = fields.Field(attribute="ethnicity", column_name="民族")
        phone = fields.Field(attribute="phone", column_name="手机号码")
        education = fields.Field(attribute="education", column_name="学历")
        political_status = fields.Field(attribute="political_status", column_name="政治面貌")
        household = fields.Field(attribute="household", column_name="户籍类型")
        employment_form = fields.Field(attribute="employment_form", column_name="用工形式")
        new_form_group = fields.Field(attribute="new_form_group", column_name="新就业形态群体")
        job = fields.Field(attribute="job", column_name="岗位")
        skill_level = fields.Field(attribute="skill_level", column_name="技能等级")
        id_index = fields.Field(attribute="id_index", column_name="id_index")

        class Meta:
            model = Member
            fields = ("name", "id_number", "gender", "ethnicity", "phone", "education", "political_status",
                      "household", "employment_form", "new_form_group", "job", "skill_level", "id_index")
            import_id_fields = ("id_index",)

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            raw = {field: row.get(title, "") for field, title in zip(FIELDS, HEADER, strict=True)}
            clean, errors = clean_member_data(raw)
            if errors or clean is None:
                raise DjangoValidationError(str(errors[0].message))
            values = clean.profile() | {"id_number": clean.identity.number, "id_index": clean.id_index}
            for field, title in zip(FIELDS, HEADER, strict=True):
                if field in values:
                    row[title] = values[field]
            row["id_index"] = clean.id_index
            row["_clean"] = clean

        def before_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
            clean = row["_clean"]
            instance.id_masked = clean.identity.masked
            instance.birth_date = clean.birth_date
            instance.name_initials = pinyin_initials(clean.name)[:20]
            instance.phone_index = clean.profile()["phone_index"]
            instance.phone_masked = clean.profile()["phone_masked"]
            instance.union, instance.org_path, instance.status = union, union.path, "active"

        def after_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
            membership = Membership.objects.create(member=instance, union=union, org_path=union.path,
                                                   join_date=datetime.date(2024, 1, 1), channel="roster")
            MembershipEvent.objects.create(member=instance, membership=membership, kind="admit",
                                           new_status="active", union=union, actor_label="import-export")

    return MemberResource


def import_export_rate(csv_path: Path, n: int, union: TradeUnion) -> float:
    """Rows per second of a plain django-import-export import of the first n rows, rolled back after."""
    import tablib

    with csv_path.open(encoding="gbk", newline="") as f:
        head = "".join(itertools.islice(f, n + 1))
    resource = _resource_class(union)()
    with transaction.atomic():
        t = time.perf_counter()
        dataset = tablib.Dataset().load(io.StringIO(head), format="csv")
        result = resource.import_data(dataset, dry_run=False, raise_errors=False)
        elapsed = time.perf_counter() - t
        if result.totals.get("new", 0) < n * 0.9:
            raise AssertionError(f"django-import-export imported too few rows: {dict(result.totals)}")
        transaction.set_rollback(True)  # the same people go through our import afterwards
    return n / elapsed
