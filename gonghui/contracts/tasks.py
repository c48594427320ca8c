"""The contract sweep, run by the system actor: contracts take effect on the day their review period
has run out, in-force ones are reminded at 90, 30 and 7 days and expire after their last day. A
periodic job (core.periodic); idempotent, so an overlapping or repeated run does no harm."""

from django_tasks import task

from gonghui.contracts.services import contract_sweep
from gonghui.orgs.scope import SystemActor

SWEEP_ACTOR = "contract-sweep"


@task()
def contract_sweep_task() -> dict[str, int]:
    result = contract_sweep(actor=SystemActor(SWEEP_ACTOR))
    return {"took_effect": result.took_effect, "refused": result.refused, "reminded": result.reminded,
            "expired": result.expired}
