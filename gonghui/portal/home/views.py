"""The portal's front door (办事大厅): every service a worker can reach, open to visitors, each saying
whether it needs the SMS login; a signed-in worker sees their name, card and open items above it."""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.worker_selectors import my_open_hardship_file
from gonghui.cases.selectors import my_open_cases
from gonghui.members import selectors as member_selectors
from gonghui.portal.common import session


@dataclass(frozen=True)
class Service:
    key: str
    title: Any
    hint: Any
    icon: str  # one character, the way 川工之家 and 浙里办 mark their tiles
    url: str
    needs_login: bool
    main: bool = False  # the three a worker in trouble looks for first: big tiles


@dataclass
class OpenItem:
    title: Any
    sub: str
    status: str
    status_class: str
    url: str


@dataclass
class Summary:
    name: str = ""
    union: str = ""
    card_number: str = ""
    items: list[OpenItem] = field(default_factory=list)


def services() -> list[Service]:
    return [
        Service("case_request", _("我要求助"), _("欠薪、合同、工伤等维权求助"), "助", reverse("portal:case_request"),
                False, main=True),
        Service("case_follow", _("查询进度"), _("凭案件编号和手机号查询"), "查", reverse("portal:case_follow"),
                False, main=True),
        Service("hardship_check", _("困难自测"), _("测一测是否符合困难职工标准"), "测",
                reverse("portal:hardship_check"), False, main=True),
        Service("join", _("申请入会"), _("扫单位或属地工会的入会码"), "入", reverse("portal:join_help"), False),
        Service("card", _("电子会员卡"), _("亮码享会员服务"), "卡", reverse("portal:card"), True),
        Service("hardship_apply", _("申请帮扶"), _("困难职工在线申请"), "帮", reverse("portal:hardship_apply"), True),
        Service("hardship_mine", _("我的帮扶"), _("档案、帮扶和回访"), "档", reverse("portal:hardship_mine"), True),
        Service("mutual_aid", _("互助保障"), _("参保和给付"), "保", reverse("portal:mutual_aid"), True),
        Service("contracts", _("集体合同"), _("本单位的工资、工时、休假约定"), "约", reverse("portal:contracts"), True),
        Service("skills", _("职工创新"), _("提合理化建议、五小，看竞赛成绩"), "创", reverse("portal:skills"), True),
        Service("benefits", _("会员普惠"), _("商户折扣、代金券和免费服务"), "惠", reverse("portal:benefits"), True),
        Service("activities", _("工会活动"), _("报名文体、观影、健步走等活动"), "动", reverse("portal:activities"),
                True),
        Service("transfers", _("会籍接转"), _("换工作时转会"), "转", reverse("portal:transfers"), True),
        Service("democracy", _("民主管理"), _("厂务公开、民主评议和代表提案"), "公", reverse("portal:democracy"), True),
        Service("honour_notices", _("荣誉公示"), _("劳模、五一劳动奖章拟表彰人选公示"), "荣",
                reverse("portal:honour_notices"), False),
        Service("positions_nearby", _("附近的服务站点"), _("工会驿站、职工之家、母婴室，就近歇脚"), "驿",
                reverse("portal:positions_nearby"), False),
        Service("cases", _("我的诉求"), _("提交过的全部诉求"), "诉", reverse("portal:cases"), False),
    ]


def _summary(phone: str) -> Summary:
    mine = member_selectors.my_greeting(phone=phone)
    out = Summary()
    out.name, out.union, out.card_number = mine.member_name, mine.union_name, mine.card_number
    for case in my_open_cases(phone=phone):
        out.items.append(OpenItem(_("维权诉求"), case.number, case.status_label, f"pt-case-{case.status}",
                                  reverse("portal:case_detail", args=[case.number])))
    if mine.pending_application is not None:
        a = mine.pending_application
        out.items.append(OpenItem(_("入会申请"), a.union_name, a.status_label, f"pt-status-{a.status}",
                                  reverse("portal:application", args=[a.pk])))
    if mine.open_transfer is not None:
        t = mine.open_transfer
        out.items.append(OpenItem(_("会籍接转"), t.union_name, t.status_label, f"pt-status-{t.status}",
                                  reverse("portal:transfers")))
    f = my_open_hardship_file(phone=phone)
    if f is not None:
        out.items.append(OpenItem(_("困难帮扶"), f.union_name, f.status_label, "pt-status-pending",
                                  reverse("portal:hardship_file", args=[f.pk])))
    return out


def home(request: HttpRequest) -> HttpResponse:
    worker = session.current_worker(request)
    return render(request, "portal/home.html", {
        "worker": worker, "summary": _summary(worker.phone) if worker else None,
        # The tiles are cached rendered (home.html); they differ only by what the template's own tests read:
        # `worker` for the 免登录/需登录 marks, and the session's phone for `login_first`.
        "services": services,  # so called only when the cached tiles have expired
        "services_variant": f"{'worker' if worker else 'visitor'}-{int(session.PHONE in request.session)}",
    })


def join_help(request: HttpRequest) -> HttpResponse:
    """申请入会 without a union's link: joining starts from the union's own code or link, so say how."""
    return render(request, "portal/join_help.html", {"worker": session.current_worker(request)})
