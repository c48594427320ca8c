"""How many look-ups by identity number each account made, per hour (see core/lookups.py)."""

from django.db import models


class IdLookupTally(models.Model):
    # "user:<id>" for a cadre or an API client, "phone:<blind index>" for a portal worker.
    account = models.CharField(max_length=80)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "hour"], name="one_id_lookup_tally_per_hour")]

    def __str__(self) -> str:
        return f"{self.account} {self.hour:%Y-%m-%d %H}: {self.count}"
