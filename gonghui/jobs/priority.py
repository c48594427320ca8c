"""What the jobs app reads from the hardship registry (gonghui.assistance), in one place.

A worker who consents is flagged for priority when the registry holds them in file (建档, 帮扶中),
which includes 下岗失业 households. Only the yes/no crosses into the jobs app: never the cause, the
class or the file, so nothing an employer could be shown says why."""

from gonghui.assistance.choices import IN_FILE_STATUSES
from gonghui.assistance.models import HardshipFile
from gonghui.orgs.scope import Scope


def in_hardship_file(*, scope: Scope, id_index: str) -> bool:
    if not id_index:
        return False
    return HardshipFile.objects.visible_to(scope).filter(worker_id_index=id_index,
                                                         status__in=IN_FILE_STATUSES).exists()
