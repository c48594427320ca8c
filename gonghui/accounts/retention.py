"""The accounts' retention rule (core.retention): SMS codes, kept only as long as the send limits count them."""

from datetime import datetime

from gonghui.accounts.sms_models import SmsCode
from gonghui.core.retention import Applied
from gonghui.core.retention_purges import purge_rows


def purge_sms_codes(*, cutoff: datetime, batch: int, max_batches: int, dry_run: bool) -> Applied:
    # A live code is minutes old; one sent before the cutoff has long expired whatever its state.
    return purge_rows(SmsCode.objects.filter(created_at__lt=cutoff), batch=batch, max_batches=max_batches,
                      dry_run=dry_run)
