"""Which rule version applies to an area on a day.

The most specific area wins (the county's own rule, else its city's, else the province's), and
within an area the version in force that day with the latest start (then the highest number).
"""

import datetime

from django.db.models import Q

from gonghui.assistance.models import AssessmentRule


def area_chain(adcode: str) -> list[str]:
    """510104 → [510104, 510100, 510000]: the county, its city, its province. A township's code
    (510104022, a township union's area) reads as its county's: standards are set no lower."""
    county = adcode[:6]
    chain = [county, county[:4] + "00", county[:2] + "0000"]
    return list(dict.fromkeys(chain))


def rule_in_force(adcode: str, on: datetime.date) -> AssessmentRule | None:
    chain = area_chain(adcode)
    candidates = (AssessmentRule.objects.filter(adcode__in=chain, effective_from__lte=on)
                  .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
                  .order_by("-effective_from", "-version"))
    by_area: dict[str, AssessmentRule] = {}
    for rule in candidates:
        by_area.setdefault(rule.adcode, rule)
    return next((by_area[code] for code in chain if code in by_area), None)
