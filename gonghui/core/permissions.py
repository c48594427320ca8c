"""Permission codes. Roles (accounts.roles) are sets of these; scopes are computed per code."""

from enum import StrEnum


class Perm(StrEnum):
    ORG_VIEW = "org.view"
    ORG_EDIT = "org.edit"
    ORG_STRUCTURE = "org.structure"
    EMPLOYER_EDIT = "employer.edit"
    STATS_VIEW = "stats.view"
    STATS_REPORT = "stats.report"  # fill, check, sign off and reopen the 统计年报
    USER_MANAGE = "user.manage"
    GRANT_MANAGE = "grant.manage"
    AUDIT_VIEW = "audit.view"
    MEMBER_VIEW = "member.view"
    MEMBER_EDIT = "member.edit"
    MEMBER_REVIEW = "member.review"
    MEMBER_REVEAL = "member.reveal"
    MEMBER_EXPORT = "member.export"
    CASE_VIEW = "case.view"
    CASE_INTAKE = "case.intake"
    CASE_HANDLE = "case.handle"
    CASE_SUPERVISE = "case.supervise"
    CALENDAR_MANAGE = "calendar.manage"
    HARDSHIP_VIEW = "hardship.view"
    HARDSHIP_EDIT = "hardship.edit"  # survey, application, file, re-check, exit
    HARDSHIP_APPROVE = "hardship.approve"  # grassroots review and county approval
    HARDSHIP_REVEAL = "hardship.reveal"  # household IDs and incomes in full (access-logged)
    AID_MANAGE = "aid.manage"  # programmes, budgets, campaigns
    AID_DISBURSE = "aid.disburse"  # batches: select, submit, mark paid, bank files
    MUTUAL_AID_MANAGE = "mutual_aid.manage"  # plans, enrolment, claims
    CONTRACT_VIEW = "contract.view"
    CONTRACT_MANAGE = "contract.manage"  # offers, negotiation, votes, signing, filing, renewal
    DEMOCRACY_VIEW = "democracy.view"  # 职代会, 提案, 厂务公开, 职工董事/监事: read
    DEMOCRACY_MANAGE = "democracy.manage"  # record terms, delegates, votes; move proposals; publish
    SKILLS_VIEW = "skills.view"  # competitions, 五小 and 合理化建议, studios, 师带徒, training: read
    SKILLS_MANAGE = "skills.manage"  # run competitions, review suggestions, keep studios and pairs
    HONOURS_VIEW = "honours.view"  # calls, nominations, 公示, awards, the 劳模 register: read
    HONOURS_MANAGE = "honours.manage"  # issue calls, nominate, review within quota, publish, award
    POSITION_VIEW = "position.view"  # 服务阵地, their visits, 年检 and the coverage map: read
    POSITION_MANAGE = "position.manage"  # keep positions, hours, inspections; print their QR codes
    ACTIVITY_VIEW = "activity.view"  # activities, sign-ups and attendance: read
    ACTIVITY_MANAGE = "activity.manage"  # organise activities, manage sign-ups, check people in
    JOBS_VIEW = "jobs.view"  # postings, job fairs, applications: read
    JOBS_MANAGE = "jobs.manage"  # enter and review postings, run job fairs, recommend workers
    BENEFITS_VIEW = "benefits.view"  # merchants, offers, vouchers: read
    BENEFITS_MANAGE = "benefits.manage"  # sign merchants, publish offers, issue vouchers
    REPORT_WRITE = "report.write"  # the union's 工作报告: generate, write its narrative; at the root, its templates
