"""Sentences over metrics. A placeholder names a metric and, optionally, what to say of it:

    {members.new}        the figure for the report's period and union
    {members.new|prev}   the same figure a year earlier
    {members.new|yoy}    the change on a year earlier in words: 同比增长12.5% / 同比下降3.1% / 与上年同期持平
                         (a rate changes in 个百分点, not in per cent of itself)

Everything else in a sentence is the cadre's own wording. A sentence whose figure is missing or
not readable by the viewer is kept on the page with the reason and left out of the document: a
formal report never prints a number nobody could compute.
"""

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.metrics import get_metric
from gonghui.core.periods import Period

PLACEHOLDER = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")
MODIFIERS = ("", "yoy", "prev")

# read(metric name, period) -> the figure's value (None: missing); raises NotFound when the viewer
# may not read that metric over the union.
ReadFn = Callable[[str, Period], Any]

# Why a sentence stays off the document; the page shows the label.
MISSING, FORBIDDEN = "missing", "forbidden"
PROBLEM_LABELS = {MISSING: gettext_lazy("数据缺失"), FORBIDDEN: gettext_lazy("无权查看该指标")}


def check_template(template: str) -> list[str]:
    """The metric names a template uses; a template that cannot be rendered is refused, naming why."""
    text = template.strip()
    if not text:
        raise ValidationFailed(gettext_lazy("请填写句式。"), field="template")
    stripped = PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        raise ValidationFailed(gettext_lazy("句式中的花括号不成对。"),
                               field="template")
    names = []
    for name, modifier in PLACEHOLDER.findall(text):
        try:
            get_metric(name.strip())
        except NotFound:
            raise ValidationFailed(msg(gettext_lazy("句式引用了不存在的指标“%(name)s”（见指标说明）。"),
                                       {"name": name[:40]}), field="template") from None
        if modifier.strip() not in MODIFIERS:
            raise ValidationFailed(msg(gettext_lazy("“|%(mod)s”无法识别：可用 |yoy（同比）或 |prev（上年同期）。"),
                                       {"mod": modifier[:20]}), field="template")
        names.append(name.strip())
    return names


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _change(metric_name: str, current: Any, previous: Any) -> tuple[str, str]:
    """(words, problem) for the change on a year earlier. The words are the document's, and the
    document is written in Chinese whatever the language of the page that generated it."""
    if current is None:
        return "—", MISSING
    if previous is None:
        return "上年同期无数据", ""
    cur, prev = Decimal(current), Decimal(previous)
    if get_metric(metric_name).is_ratio:
        points = (cur - prev).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if not points:
            return "与上年同期持平", ""
        return f"同比{'提高' if points > 0 else '下降'}{abs(points):f}个百分点", ""
    if not prev:
        return ("上年同期为0" if cur else "与上年同期持平"), ""
    pct = ((cur - prev) * 100 / prev).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if not pct:
        return "与上年同期持平", ""
    return f"同比{'增长' if pct > 0 else '下降'}{abs(pct):f}%", ""


def render(template: str, *, period: Period, under: str, read: ReadFn) -> tuple[list[Any], str]:
    """The sentence as parts (plain text, or a dict tracing the figure) and its problem code, if any."""
    parts: list[Any] = []
    problem = ""
    at = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > at:
            parts.append(template[at:match.start()])
        at = match.end()
        name, modifier = match[1].strip(), (match[2] or "").strip()
        metric = get_metric(name)
        asked = period.year_ago() if modifier == "prev" else period
        try:
            value = read(name, asked)
            shown = _shown(value)
            if modifier == "yoy":
                shown, trouble = _change(name, value, read(name, period.year_ago()))
                problem = problem or trouble
            elif value is None:
                problem = problem or MISSING
        except NotFound:
            value, shown = None, "—"
            problem = problem or FORBIDDEN
        parts.append({"metric": name, "version": metric.version, "period": asked.key, "under": under,
                      "modifier": modifier, "value": None if value is None else str(value), "shown": shown})
    if at < len(template):
        parts.append(template[at:])
    return parts, problem


def plain_text(parts: list[Any]) -> str:
    return "".join(p if isinstance(p, str) else p["shown"] for p in parts)
