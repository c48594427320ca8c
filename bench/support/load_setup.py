"""What bench/load.py needs from the production shape's primary before it loads it, printed as one JSON
object: a partner key of its own for the member verification mix, and members with a phone (the portal's
SMS login, the member card) and an identity number (the partner's question).

Run by bench/load.py with the shape's keys (SMOKE_DIR/keys.env) and DATABASE_URL on the primary, as
the smoke test runs its checks: `python bench/support/load_setup.py --members 12`.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db.models import Max  # noqa: E402

from gonghui.members.models import Member, MemberCard  # noqa: E402
from gonghui.members.services.cards import card_issue  # noqa: E402
from gonghui.members.services.partners import partner_create  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import TradeUnion  # noqa: E402
from gonghui.orgs.scope import SystemActor  # noqa: E402

# A bank verifying cards for a province's members is given a quota to match; the bench's partner is
# registered so, as an operator would, and the limits are still counted on every call.
PER_MINUTE = DAILY = 1_000_000


def members_with_phones(count: int) -> list[dict[str, Any]]:
    """`count` members with a phone, from a random place in the registry (a fresh sample each run: each
    phone may be sent only so many SMS codes a day)."""
    top = Member.objects.aggregate(top=Max("pk"))["top"] or 0
    chosen: dict[str, dict[str, Any]] = {}
    for _ in range(20):
        start = random.randint(0, top)
        for member in Member.objects.exclude(phone_index="").filter(pk__gte=start).order_by("pk")[:count * 2]:
            chosen.setdefault(member.phone, {"phone": member.phone, "id_number": member.id_number, "pk": member.pk})
        if len(chosen) >= count:
            break
    return random.sample(list(chosen.values()), min(count, len(chosen)))


def with_card(members: list[dict[str, Any]]) -> None:
    """The member card mix shows a card: the bulk province's members have none until their union issues
    them, so the chosen ones get theirs through the service, as a union would issue them."""
    actor = SystemActor("load-bench")
    for member in Member.objects.filter(pk__in=[m["pk"] for m in members]).exclude(
            cards__status=MemberCard.Status.ACTIVE):
        card_issue(actor=actor, member=member)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=12)
    args = parser.parse_args()
    province = TradeUnion.objects.filter(level=Level.PROVINCE).order_by("pk").first()
    if province is None:
        print("no province in the database: load the demo first", file=sys.stderr)
        return 1
    _partner, key = partner_create(actor=SystemActor("load-bench"), union=province, name="压测核验合作方",
                                   purposes=["verify"], per_minute=PER_MINUTE, daily_quota=DAILY)
    members = members_with_phones(args.members)
    if len(members) < args.members:
        print(f"only {len(members)} members with a phone", file=sys.stderr)
        return 1
    with_card(members)
    print(json.dumps({"partner_key": key, "members": members}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
