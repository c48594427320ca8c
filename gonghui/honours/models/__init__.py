"""荣誉: award kinds, calls with quotas, nominations reviewed up the tree, 公示, awards, the 劳模 register.

Every scoped row copies the path of the union it belongs to, so a subtree list is one prefix predicate.
"""

from gonghui.honours.models.awards import Award, ModelWorker, ModelWorkerRecord
from gonghui.honours.models.kinds import AwardKind, Call, CallQuota, HonourEvent
from gonghui.honours.models.nominations import (
    HonourNomination,
    NominationCheck,
    NominationDocument,
    NominationPlace,
)
from gonghui.honours.models.notices import Objection, PublicNotice

__all__ = ["Award", "AwardKind", "Call", "CallQuota", "HonourEvent", "HonourNomination", "ModelWorker",
           "ModelWorkerRecord", "NominationCheck", "NominationDocument", "NominationPlace", "Objection",
           "PublicNotice"]
