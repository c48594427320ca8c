"""工会活动 across the demo province: activities at every stage (草稿, 报名中 with a waiting list, 已截止,
已结束 with check-ins and no-shows, 已取消, public ones), written in bulk: the sign-up services are the
point of the tests, not of the demo, and a demo of thousands of sign-ups must stay fast."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.activities.choices import ActivityKind, ActivityStatus, Audience, EventAction, SignUpStatus
from gonghui.activities.models import Activity, ActivityEvent, SignUp
from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_phone
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import subtree_q

TITLES = {
    ActivityKind.SPORTS: ("职工羽毛球比赛", "职工篮球联赛", "职工乒乓球邀请赛"),
    ActivityKind.TRAINING: ("劳动法律知识培训", "职工心理健康讲座", "新就业形态劳动者技能培训"),
    ActivityKind.RECUPERATION: ("劳模疗休养", "一线职工疗休养"),
    ActivityKind.WALKING: ("“健康同行”职工健步走", "绿道健步走"),
    ActivityKind.FILM: ("职工观影活动", "“工会请你看电影”"),
    ActivityKind.SOCIAL: ("青年职工联谊会", "单身职工交友联谊"),
    ActivityKind.FAMILY: ("亲子运动会", "职工子女暑期亲子游"),
    ActivityKind.LAW: ("普法进企业", "《工会法》知识竞答"),
}
# (status, days from today to the start, signed share of capacity, waiting, public)
STAGES = ((ActivityStatus.DRAFT, 20, 0, 0, False), (ActivityStatus.OPEN, 8, 1.0, 4, False),
          (ActivityStatus.OPEN, 12, 0.5, 0, True), (ActivityStatus.CLOSED, 2, 1.0, 2, False),
          (ActivityStatus.FINISHED, -10, 1.0, 0, False), (ActivityStatus.FINISHED, -40, 0.8, 0, True),
          (ActivityStatus.CANCELLED, 5, 0.6, 0, False), (ActivityStatus.OPEN, -1, 0.9, 0, False))


def _region(union: TradeUnion, province: TradeUnion) -> Region | None:
    if union.region_id:
        return union.region
    prefix = province.region_id[:2] if province.region_id else "51"
    return Region.objects.filter(adcode__startswith=prefix, level=Region.RegionLevel.COUNTY, is_current=True).first()


def build_demo_activities(province: TradeUnion, *, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    organisers = [province, *TradeUnion.objects.filter(
        subtree_q("path", province.path), level__in=(Level.CITY, Level.COUNTY), status=UnionStatus.ACTIVE)
        .select_related("region").order_by("-subtree_members", "path")[:11]]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = signups = 0
    with transaction.atomic():
        for organiser in organisers:
            region = _region(organiser, province)
            if region is None:
                continue
            people = list(Member.objects.filter(subtree_q("org_path", organiser.path), status__in=LIVE_STATUSES)
                          .exclude(phone_index="").order_by("pk")[:60])
            for status, days, share, waiting, public in STAGES:
                kind = rng.choice(list(ActivityKind))
                starts = now + datetime.timedelta(days=days, hours=rng.choice((1, 2, 5)))
                capacity = rng.choice((10, 20, 30))
                held = min(len(people), int(capacity * share))
                if waiting:
                    # A waiting list means the places are all taken: with few members, fewer places.
                    held = min(held, max(1, len(people) - waiting))
                    capacity = max(1, held)
                activity = Activity.objects.create(
                    organiser=organiser, org_path=organiser.path, kind=kind,
                    title=f"{organiser.name.removesuffix('总工会')}{rng.choice(TITLES[kind])}",
                    description="请穿着运动服装，提前15分钟到场签到。" if kind == ActivityKind.SPORTS else "",
                    audience=Audience.PUBLIC if public else Audience.SUBTREE,
                    audience_union=None if public else organiser, audience_path="" if public else organiser.path,
                    capacity=capacity, signup_opens_at=starts - datetime.timedelta(days=14),
                    signup_closes_at=starts - datetime.timedelta(days=1 if days > 1 else 0, hours=2),
                    starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
                    fee=Decimal(rng.choice((0, 0, 0, 20, 50))), region=region,
                    address=f"{organiser.name.removesuffix('总工会').removesuffix('工会')}职工服务中心",
                    status=status, published_at=None if status == ActivityStatus.DRAFT else now,
                    cancel_reason="场地维修，活动另行安排" if status == ActivityStatus.CANCELLED else "")
                ActivityEvent.objects.create(activity=activity, action=EventAction.CREATE, new_status=status,
                                             actor_label="system:demo")
                made += 1
                rows = []
                for n, member in enumerate(people[:held + waiting]):
                    row_status = SignUpStatus.SIGNED if n < held else SignUpStatus.WAITING
                    checked = None
                    if status == ActivityStatus.FINISHED and n < held:
                        row_status = SignUpStatus.CHECKED_IN if rng.random() < 0.85 else SignUpStatus.NO_SHOW
                        checked = starts + datetime.timedelta(minutes=rng.randint(-30, 20))
                    rows.append(SignUp(
                        activity=activity, org_path=activity.org_path, member=member, person_key=f"m{member.pk}",
                        name=member.name, phone=member.phone, phone_index=blind_index(member.phone),
                        phone_masked=mask_phone(member.phone), status=row_status,
                        waiting_ticket=n - held + 1 if row_status == SignUpStatus.WAITING else None,
                        signed_up_at=activity.signup_opens_at + datetime.timedelta(hours=n), checked_in_at=checked))
                SignUp.objects.bulk_create(rows)
                signups += len(rows)
                if status == ActivityStatus.FINISHED:
                    Activity.objects.filter(pk=activity.pk).update(
                        no_shows=sum(r.status == SignUpStatus.NO_SHOW for r in rows), finished_at=activity.ends_at)
    return {"activities": made, "signups": signups}
