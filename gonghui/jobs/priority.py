"""What the jobs app reads from the hardship registry (gonghui.assistance), in one place.

A worker who consents is flagged for priority when the registry holds them in file (建档, 帮扶中),
which includes 下岗失业 households. Only the yes/no crosses into the jobs app: never the cause, the
class or the file, so nothing an employer could be shown says why."""

from gonghui.assistance.choices import IN_FILE_STATUSES
from gonghui.assistance.models import HardshipFile
from gonghui.core.crypto import stored_index_candidates
from gonghui.members.models import Member
from gonghui.orgs.scope import Scope


def in_hardship_file(*, scope: Scope, member: Member) -> bool:
    # While the index key rotates the member's row and the file may sit under different keys.
    indexes = stored_index_candidates(member.id_index, lambda: f"{member.id_type}:{member.id_number}")
    if not indexes:
        return False
    return HardshipFile.objects.visible_to(scope).filter(worker_id_index__in=indexes,
                                                         status__in=IN_FILE_STATUSES).exists()
