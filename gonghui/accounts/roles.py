"""Roles as permission sets. A role is granted on an org node and covers its subtree.

The system, security and audit administrators (三员分立) are exclusive: whoever holds one holds
no other role, so no single account can both act and hide or review its own actions.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm


class RoleCode(models.TextChoices):
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITOR = "auditor", _("审计管理员")
    UNION_ADMIN = "union_admin", _("工会管理员")
    CLERK = "clerk", _("业务经办")
    REVIEWER = "reviewer", _("审核")
    HOTLINE_AGENT = "hotline_agent", _("热线坐席")
    LAWYER = "lawyer", _("律师")
    STATS_VIEWER = "stats_viewer", _("统计只读")


@dataclass(frozen=True)
class Role:
    code: RoleCode
    permissions: frozenset[Perm]
    description: object
    requires_totp: bool = False
    exclusive: bool = False
    # Permissions this role holds only over the rows assigned to its holder, not over the whole
    # subtree of the grant (orgs.scope.Scope.assigned_roots).
    assigned_only: frozenset[Perm] = frozenset()


# 困难职工帮扶: the clerk surveys, files and pays, the reviewer approves; a union administrator may do all.
ASSISTANCE_ALL = (Perm.HARDSHIP_VIEW, Perm.HARDSHIP_EDIT, Perm.HARDSHIP_APPROVE, Perm.HARDSHIP_REVEAL,
                  Perm.AID_MANAGE, Perm.AID_DISBURSE, Perm.MUTUAL_AID_MANAGE)
# 集体合同: union cadres at every level negotiate and file; reviewers and statistics readers only read.
CONTRACTS_ALL = (Perm.CONTRACT_VIEW, Perm.CONTRACT_MANAGE)
# 民主管理 is union cadres' work at every level; reviewers and statistics readers only read it.
DEMOCRACY_ALL = (Perm.DEMOCRACY_VIEW, Perm.DEMOCRACY_MANAGE)
# 技能竞赛, 五小, 创新工作室 and the 荣誉评选 are union cadres' work at every level; reviewers and
# statistics readers only read them.
SKILLS_HONOURS_ALL = (Perm.SKILLS_VIEW, Perm.SKILLS_MANAGE, Perm.HONOURS_VIEW, Perm.HONOURS_MANAGE)
# 服务阵地, 活动, 就业服务 and 会员普惠 are union cadres' service work at every level; reviewers and
# statistics readers only read them.
SERVICES_ALL = (Perm.POSITION_VIEW, Perm.POSITION_MANAGE, Perm.ACTIVITY_VIEW, Perm.ACTIVITY_MANAGE,
                Perm.JOBS_VIEW, Perm.JOBS_MANAGE, Perm.BENEFITS_VIEW, Perm.BENEFITS_MANAGE)
SERVICES_READ = (Perm.POSITION_VIEW, Perm.ACTIVITY_VIEW, Perm.JOBS_VIEW, Perm.BENEFITS_VIEW)

ROLES: dict[str, Role] = {
    r.code.value: r
    for r in [
        Role(RoleCode.SYSADMIN, frozenset({Perm.ORG_VIEW, Perm.USER_MANAGE}),
             _("创建、停用账号，重置密码；不能授权，不能查看审计日志。"), requires_totp=True, exclusive=True),
        Role(RoleCode.SECADMIN, frozenset({Perm.ORG_VIEW, Perm.GRANT_MANAGE}),
             _("授予和收回角色，解锁账号；不能创建账号，不能查看审计日志。"), requires_totp=True, exclusive=True),
        Role(RoleCode.AUDITOR, frozenset({Perm.ORG_VIEW, Perm.AUDIT_VIEW}),
             _("查阅审计日志；不能修改任何业务或账号数据。"), exclusive=True),
        Role(RoleCode.UNION_ADMIN,
             frozenset({Perm.ORG_VIEW, Perm.ORG_EDIT, Perm.ORG_STRUCTURE, Perm.EMPLOYER_EDIT, Perm.STATS_VIEW,
                        Perm.STATS_REPORT, Perm.MEMBER_VIEW, Perm.MEMBER_EDIT, Perm.MEMBER_REVIEW,
                        Perm.MEMBER_REVEAL, Perm.MEMBER_EXPORT, Perm.CASE_VIEW, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE,
                        Perm.CALENDAR_MANAGE, *ASSISTANCE_ALL, *CONTRACTS_ALL, *DEMOCRACY_ALL,
                        *SKILLS_HONOURS_ALL, *SERVICES_ALL, Perm.REPORT_WRITE}),
             _("维护本级及下级工会组织和用人单位，调整组织结构。")),
        Role(RoleCode.CLERK, frozenset({Perm.ORG_VIEW, Perm.EMPLOYER_EDIT, Perm.STATS_VIEW, Perm.STATS_REPORT,
                                        Perm.MEMBER_VIEW,
                                        Perm.MEMBER_EDIT, Perm.CASE_VIEW, Perm.CASE_HANDLE, Perm.HARDSHIP_VIEW,
                                        Perm.HARDSHIP_EDIT, Perm.AID_DISBURSE, Perm.MUTUAL_AID_MANAGE,
                                        *CONTRACTS_ALL, *DEMOCRACY_ALL, *SKILLS_HONOURS_ALL,
                                        *SERVICES_ALL}),
             _("办理日常业务，维护用人单位信息。")),
        Role(RoleCode.REVIEWER, frozenset({Perm.ORG_VIEW, Perm.STATS_VIEW, Perm.MEMBER_VIEW, Perm.MEMBER_REVIEW,
                                           Perm.MEMBER_REVEAL, Perm.CASE_VIEW, Perm.CASE_SUPERVISE,
                                           Perm.HARDSHIP_VIEW, Perm.HARDSHIP_APPROVE, Perm.HARDSHIP_REVEAL,
                                           Perm.CONTRACT_VIEW, Perm.DEMOCRACY_VIEW, Perm.SKILLS_VIEW,
                                           Perm.HONOURS_VIEW, *SERVICES_READ}),
             _("审核申请和办理结果。")),
        Role(RoleCode.HOTLINE_AGENT, frozenset({Perm.ORG_VIEW, Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE}),
             _("受理12351热线来电和网上诉求。")),
        # A lawyer (legal aid, mediation) is brought in case by case: the grant says where they may be
        # assigned, the assignment what they see (docs/decisions.md, "A lawyer sees the cases
        # assigned to them").
        Role(RoleCode.LAWYER, frozenset({Perm.ORG_VIEW, Perm.CASE_VIEW, Perm.CASE_HANDLE}),
             _("办理指派给本人的法律援助和调解案件。"),
             assigned_only=frozenset({Perm.CASE_VIEW, Perm.CASE_HANDLE})),
        Role(RoleCode.STATS_VIEWER, frozenset({Perm.ORG_VIEW, Perm.STATS_VIEW, Perm.CONTRACT_VIEW,
                                              Perm.DEMOCRACY_VIEW, Perm.SKILLS_VIEW, Perm.HONOURS_VIEW,
                                              *SERVICES_READ}),
             _("查看统计数据，只读。")),
    ]
}


def roles_with(permission: str) -> list[str]:
    """The roles that hold `permission` over the whole subtree of a grant."""
    return [code for code, role in ROLES.items()
            if permission in role.permissions and permission not in role.assigned_only]


def roles_assigned_with(permission: str) -> list[str]:
    """The roles that hold `permission` only over the rows assigned to the holder."""
    return [code for code, role in ROLES.items() if permission in role.assigned_only]


# Permissions that manage other accounts or open personal data in bulk: full ID numbers, exports,
# household incomes, everyone's actions in the audit log.
PRIVILEGED_PERMISSIONS = frozenset({Perm.USER_MANAGE, Perm.GRANT_MANAGE, Perm.AUDIT_VIEW, Perm.MEMBER_REVEAL,
                                    Perm.MEMBER_EXPORT, Perm.HARDSHIP_REVEAL})


def is_privileged(role_codes: Iterable[str]) -> bool:
    """Whether an account holding these roles is privileged (a reset then needs a second person)."""
    return any(
        ROLES[c].exclusive or ROLES[c].requires_totp or ROLES[c].permissions & PRIVILEGED_PERMISSIONS
        for c in role_codes if c in ROLES
    )
