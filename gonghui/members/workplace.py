"""Where an admitted member works, when the union admitting them says so: a 单位工会 (grassroots
union of one employer) admits the workers of that employer. A 联合工会 or 行业工会 covering several
employers names none, as a guess would show a worker another firm's 厂务公开 and contracts."""

from gonghui.orgs.choices import EmployerStatus, Level
from gonghui.orgs.models import Employer, TradeUnion


def union_employer_id(union: TradeUnion) -> int | None:
    if union.level != Level.GRASSROOTS:
        return None
    ids = list(Employer.objects.filter(org_path=union.path, status=EmployerStatus.ACTIVE)
               .values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None
