"""Background work of 会员普惠: the expiry sweep, a periodic job (core.periodic) queued by the timer
that runs `manage.py periodic`; idempotent, so an overlapping or repeated run does no harm."""

from django_tasks import task

from gonghui.benefits.services.vouchers import voucher_expire_due
from gonghui.orgs.scope import SystemActor


@task()
def voucher_expire_due_task() -> int:
    return voucher_expire_due(actor=SystemActor("voucher-expiry"))
