from gonghui.orgs.services.employers import employer_create, employer_update
from gonghui.orgs.services.risk import employer_risk_list, employer_risk_remove
from gonghui.orgs.services.unions import (
    union_create,
    union_create_root,
    union_delete,
    union_dissolve,
    union_merge,
    union_move,
    union_update,
)

__all__ = [
    "employer_create",
    "employer_risk_list",
    "employer_risk_remove",
    "employer_update",
    "union_create",
    "union_create_root",
    "union_delete",
    "union_dissolve",
    "union_merge",
    "union_move",
    "union_update",
]
