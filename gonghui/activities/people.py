"""Who a portal worker is to the activities app: the live member behind the phone they proved, if any."""

from gonghui.core.crypto import blind_index_candidates
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker


def member_of(worker: PortalWorker) -> Member | None:
    return Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES).first()
