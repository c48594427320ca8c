"""What the 就业服务 console exports: the posting list as filtered on its page (the contact phone
masked) and the job fair list with its figures."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.jobs.choices import FairMode, FairStatus, PostingSource, PostingStatus
from gonghui.jobs.models import JobFair, JobPosting
from gonghui.jobs.selectors import fair_list, posting_list
from gonghui.orgs.scope import Scope

POSTING_PARAMS = ("status", "region", "pay", "q", "source")
FAIR_PARAMS = ("mode", "status", "year")


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 8 else None


def filtered_postings(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[JobPosting]:
    region = filters.get("region", "")
    return posting_list(scope=scope, status=choice(filters.get("status", ""), PostingStatus.values),
                        region=region if region.isdigit() else "", pay_at_least=_int(filters.get("pay", "")),
                        query=filters.get("q", ""), source=choice(filters.get("source", ""), PostingSource.values))


def posting_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, source = labels(PostingStatus.choices), labels(PostingSource.choices)
    for p in filtered_postings(scope=scope, filters=filters).iterator(chunk_size=2000):
        yield [p.title, p.employer.name, p.places, p.pay_min, p.pay_max, p.region.name, p.address, p.contact_name,
               p.contact_phone_masked, source.get(p.source, ""), status.get(p.status, ""), p.expires_on]


def posting_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_postings(scope=scope, filters=filters).count()


register_export(ListExport(
    name="jobs.postings", title=_("招聘岗位"), permission=Perm.JOBS_VIEW,
    columns=[col(_("岗位名称"), width=20), col(_("用人单位"), width=28), col(_("招聘人数"), Kind.INT, 8),
             col(_("月薪下限（元）"), Kind.INT, 10), col(_("月薪上限（元）"), Kind.INT, 10),
             col(_("工作地点"), width=14), col(_("详细地址"), width=28), col(_("联系人"), width=10),
             col(_("联系电话"), width=14), col(_("来源"), width=12), col(_("状态"), width=8),
             col(_("有效期至"), Kind.DATE, 12)],
    rows=posting_rows, count=posting_count, params=POSTING_PARAMS, route="web:jobs_posting_list"))


def filtered_fairs(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[JobFair]:
    return fair_list(scope=scope, mode=choice(filters.get("mode", ""), FairMode.values),
                     status=choice(filters.get("status", ""), FairStatus.values), year=_int(filters.get("year", "")))


def fair_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    mode, status = labels(FairMode.choices), labels(FairStatus.choices)
    for f in filtered_fairs(scope=scope, filters=filters).iterator(chunk_size=2000):
        yield [f.title, f.union.name, mode.get(f.mode, ""), f.held_on, f.place, status.get(f.status, ""),
               f.employer_count, f.posting_count, f.visitors, f.intentions]  # type: ignore[attr-defined]


def fair_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_fairs(scope=scope, filters=filters).count()


register_export(ListExport(
    name="jobs.fairs", title=_("招聘会"), permission=Perm.JOBS_VIEW,
    columns=[col(_("招聘会名称"), width=28), col(_("主办工会"), width=24), col(_("形式"), width=10),
             col(_("举办日期"), Kind.DATE, 12), col(_("举办地点/平台"), width=28), col(_("状态"), width=8),
             col(_("进场企业"), Kind.INT, 10), col(_("岗位数"), Kind.INT, 8), col(_("入场求职人数"), Kind.INT, 12),
             col(_("达成就业意向"), Kind.INT, 12)],
    rows=fair_rows, count=fair_count, params=FAIR_PARAMS, route="web:jobs_fair_list"))
