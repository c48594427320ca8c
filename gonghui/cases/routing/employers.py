"""The employer a caller names in what they say ("我在成都华兴科技有限公司上班", "华兴科技欠了我们工资").

Three ways in, most certain first: a unified social credit code in the text; a full registered name
(the words before 有限公司, 厂 …, looked up through the name index); a distinctive short name, the
name without its place and legal form (华兴达科技, 华兴达), looked up in a per-process index of every
active employer's short names. A short name that two employers share names neither: a wrong union
is worse than none. Whatever is found is fetched again through `visible_to(scope)`, so the statement
never reaches an employer the operator may not see.
"""

import re
import threading
import time
import unicodedata
from dataclasses import dataclass

from django.db import connections

from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer, Region

# GB 32100: 18 characters, no I, O, Z, S, V.
CREDIT_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Z])")
LEGAL_FORMS = frozenset({
    "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团", "总公司", "分公司", "公司",
    "厂", "店", "酒店", "工作室", "合作社", "事务所",
})
_FULL_NAME_END = re.compile("|".join(sorted(LEGAL_FORMS, key=len, reverse=True)))
# The words of a name that say what an employer does, not which one it is.
TRADE_WORDS = frozenset({
    "科技", "网络", "传媒", "信息", "技术", "建筑", "劳务", "工程", "实业", "贸易", "商贸", "物流",
    "餐饮", "食品", "电子", "机械", "服装", "置业", "物业", "投资", "发展", "咨询", "文化", "教育",
    "医药", "制造", "建设", "环保", "能源", "化工", "汽车", "管理", "服务", "软件", "设计", "广告",
    "装饰", "装修", "家政", "保安", "运输", "快递", "印刷", "纺织", "塑料", "钢铁", "材料", "电器",
    "设备", "通信", "数据", "计算机", "农业", "生物", "智能", "国际", "控股",
})
_TAIL_LENGTHS = tuple(sorted({len(t) for t in LEGAL_FORMS | TRADE_WORDS}, reverse=True))
# The longest registered name a caller would say in one breath; longer spans are not tried.
MAX_FULL_NAME = 40
MAX_FULL_NAME_CANDIDATES = 300
# A short name of three characters (华兴达) is already rare; two (华兴) are a word, not a name.
MIN_SHORT_NAME = 3
AMBIGUOUS = -1
# Employers are added and renamed all day; the short-name index is rebuilt at most this often, and a
# full registered name or a credit code in the text is always looked up fresh.
INDEX_MAX_AGE_S = 300.0


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


@dataclass
class ShortNameIndex:
    names: dict[str, int]
    heads: frozenset[str]
    lengths: tuple[int, ...]
    built_at: float

    @classmethod
    def build(cls, rows: list[tuple[int, str]], region_names: set[str]) -> "ShortNameIndex":
        names: dict[str, int] = {}
        for pk, name in rows:
            for key in short_names(name, region_names):
                names[key] = pk if names.get(key, pk) == pk else AMBIGUOUS
        return cls(names=names, heads=frozenset(k[:2] for k in names),
                   lengths=tuple(sorted({len(k) for k in names}, reverse=True)), built_at=time.monotonic())

    def find(self, text: str) -> tuple[int, str] | None:
        """The employer whose short name is the longest one in `text`, with that name; None when none
        is, or when the longest is shared."""
        best: tuple[int, int, str] | None = None  # (length, pk, short name)
        for i in range(len(text) - MIN_SHORT_NAME + 1):
            if text[i:i + 2] not in self.heads:
                continue
            for length in self.lengths:
                if best is not None and length <= best[0]:
                    break
                key = text[i:i + length]
                pk = self.names.get(key)
                if pk is not None:
                    best = (length, pk, key)
                    break
        if best is None or best[1] == AMBIGUOUS:
            return None
        return best[1], best[2]


def short_names(name: str, region_names: set[str]) -> list[str]:
    """"成都市华兴达智能科技有限公司" → ["华兴达智能科技", "华兴达"]: without the place it is registered in, its
    legal form, and then its trade words. A name that is all trade words (成都建筑劳务有限公司) has no
    short name: "建筑劳务" would be found in any builder's call."""
    core = _without_tail(_without_bracket(_without_tail(_without_bracket(_normal(name).strip()), LEGAL_FORMS)),
                         LEGAL_FORMS)
    stripped = True
    while stripped:
        stripped = False
        for length in range(min(len(core) - 2, 9), 1, -1):
            if core[:length] in region_names:
                core, stripped = core[length:], True
                break
    brand = core
    while (shorter := _without_tail(brand, TRADE_WORDS, keep=0)) != brand:
        brand = shorter
    if len(brand) < 2:
        return []
    keys = [core] if len(core) >= MIN_SHORT_NAME else []
    if brand != core and len(brand) >= MIN_SHORT_NAME:
        keys.append(brand)
    return keys


def _without_bracket(name: str) -> str:
    # "华兴达科技有限公司(绵阳)" and "…(2)": what a registration adds to tell two names apart.
    return name[:name.rindex("(")] if name.endswith(")") and "(" in name else name


def _without_tail(name: str, tails: frozenset[str], keep: int = 1) -> str:
    # A set probed once per tail length, longest first, rather than a regular expression anchored at
    # the end (tried at every position): the index is built from every employer of the deployment.
    for length in _TAIL_LENGTHS:
        if len(name) - length >= keep and name[-length:] in tails:
            return name[:-length]
    return name


def _region_names() -> set[str]:
    from gonghui.cases.routing.address import short_forms

    out: set[str] = set()
    # Counties and above: an employer's name starts with where it is registered, not with a township.
    for region in Region.objects.filter(level__lte=Region.RegionLevel.COUNTY).only("adcode", "name", "level"):
        out.add(region.name)
        out.update(short_forms(region))
    return out


_lock = threading.Lock()
_index: ShortNameIndex | None = None
_rebuilding = False


def _build() -> ShortNameIndex:
    rows = list(Employer.objects.filter(status=EmployerStatus.ACTIVE).values_list("pk", "name").order_by()
                .iterator(chunk_size=20_000))
    return ShortNameIndex.build(rows, _region_names())


def _rebuild_in_background() -> None:
    global _index, _rebuilding
    try:
        fresh = _build()
        with _lock:
            _index = fresh
    finally:
        _rebuilding = False
        connections.close_all()  # this thread's own connection


def short_name_index() -> ShortNameIndex:
    """The process-wide index of every active employer's short names: built on first use (about a
    second for 155,000 employers), then rebuilt in the background when it is older than
    INDEX_MAX_AGE_S while the old one keeps answering, so no caller waits for it."""
    global _index, _rebuilding
    index = _index
    if index is None:
        with _lock:
            if _index is None:
                _index = _build()
            return _index
    if time.monotonic() - index.built_at > INDEX_MAX_AGE_S and not _rebuilding:
        with _lock:
            if not _rebuilding:
                _rebuilding = True
                threading.Thread(target=_rebuild_in_background, name="employer-short-names", daemon=True).start()
    return index


def reset_employer_index() -> None:
    """Drops the index (tests, and after a bulk load of employers)."""
    global _index
    with _lock:
        _index = None


def credit_codes_in(text: str) -> list[str]:
    return CREDIT_CODE.findall(_normal(text).upper())


def full_name_candidates(text: str) -> list[str]:
    """Every span of `text` that ends in a legal form (…有限公司, …厂) and could be a registered name."""
    clean = _normal(text)
    out: list[str] = []
    for found in _FULL_NAME_END.finditer(clean):
        end = found.end()
        for start in range(max(0, end - MAX_FULL_NAME), found.start() - 1):
            out.append(clean[start:end])
    return out[-MAX_FULL_NAME_CANDIDATES:]


def short_name_in(text: str) -> tuple[int, str] | None:
    """The employer's pk and the short name it was found by; the caller checks the employer still
    bears that name (the index may be minutes old)."""
    return short_name_index().find(_normal(text))
