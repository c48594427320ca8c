from django import template
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import actor_shown as _actor_shown
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.exports import list_export
from gonghui.members.choices import MEMBER_EVENT_LABELS
from gonghui.orgs.selectors import region_label
from gonghui.reports.services import export_scope

register = template.Library()

ACTION_LABELS = {
    "security.id_lookup_limited": _("按证件号码查询超限"),
    "auth.login": _("登录"),
    "auth.logout": _("退出"),
    "auth.totp_enrol": _("绑定动态验证码"),
    "auth.password_change": _("修改密码"),
    "auth.token_issue": _("签发接口令牌"),
    "auth.sms_send": _("发送短信验证码"),
    "auth.sms_verify": _("会员短信验证码登录"),
    "auth.member_logout": _("会员退出"),
    "org.create": _("新增工会"),
    "org.update": _("修改工会"),
    "org.move": _("移动工会"),
    "org.merge": _("合并工会"),
    "org.dissolve": _("撤销工会"),
    "org.delete": _("删除工会"),
    "org.bulk_load": _("批量导入组织"),
    "employer.create": _("登记用人单位"),
    "employer.update": _("修改用人单位"),
    "user.create": _("新建账号"),
    "user.update": _("修改账号"),
    "user.enable": _("启用账号"),
    "user.disable": _("停用账号"),
    "user.reset_password": _("重置密码"),
    "user.reset_request": _("申请重置密码"),
    "user.reset_approve": _("批准重置密码"),
    "user.reset_refuse": _("拒绝重置密码"),
    "user.reset_issue": _("签发临时密码"),
    "user.reset_redeem": _("使用临时密码登录"),
    "user.reset_complete": _("重置后设置新密码"),
    "user.reset_cancel": _("撤销重置密码"),
    "user.reset_expire": _("临时密码过期"),
    "user.unlock": _("解锁账号"),
    "grant.create": _("授予角色"),
    "grant.revoke": _("收回角色"),
    "region.load": _("导入行政区划"),
    "partner.create": _("登记核验合作方"),
    "partner.revoke": _("吊销合作方密钥"),
    "partner.verify": _("合作方核验会员"),
    "retention.sweep": _("按保存期限清理数据"),
    "retention.audit_cut": _("按保存期限切分审计日志"),
}


@register.filter
def action_label(code: str) -> str:
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    # Membership services audit as "member.<event kind>", the same kinds the member's history shows.
    kind = code.removeprefix("member.")
    return str(MEMBER_ACTION_LABELS.get(kind) or EVENT_LABELS.get(kind) or code)


# The registry's own words for its history rows (members.choices), shared with the person's copy.
EVENT_LABELS = MEMBER_EVENT_LABELS


@register.filter
def event_label(code: str) -> str:
    return str(EVENT_LABELS.get(code, code))


MEMBER_ACTION_LABELS = {
    "apply": _("提交入会申请"), "application_reject": _("退回入会申请"), "application_withdraw": _("撤回入会申请"),
    "bulk_admit": _("批量入会"), "card_bulk_issue": _("批量办卡"), "export": _("导出会员名单"),
    "reveal": _("查看完整个人信息"), "roster_upload": _("上传入会名册"), "roster_validate": _("校验入会名册"),
    "roster_commit": _("提交入会名册"), "roster_revalidate": _("重新校验入会名册（名册已变动）"),
    "application_approve": _("通过入会申请"), "notice_sms": _("短信通知本人"),
}


@register.filter
def region_name(adcode: str | None) -> str:
    """510104 → 成都市锦江区; an unknown code is shown as it is."""
    return region_label(adcode) or (adcode or "")


@register.simple_tag(takes_context=True)
def may_export(context: template.Context, name: str) -> bool:
    """The list's 导出Excel shows to whoever the export service would answer."""
    try:
        export_scope(context["request"].user, list_export(name))
    except (NotFound, PermissionDenied):
        return False
    return True


@register.filter
def actor_shown(label: str) -> str:
    """Who acted, as a timeline says it (gonghui.core.audit.actor_shown)."""
    return _actor_shown(label or "")
