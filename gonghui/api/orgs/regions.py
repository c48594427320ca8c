"""GB/T 2260 administrative divisions, for pick lists: provinces, or the children of one division."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import ErrorOut
from gonghui.api.orgs.schemas import RegionFilters, RegionOut
from gonghui.orgs import selectors

router = Router(tags=["regions"])


@router.get("/regions", response={200: list[RegionOut], READ_ERRORS: ErrorOut},
            summary="不带 parent：省级行政区划；带 parent：其下一级")
@paginate(Pagination)
def region_list(request: HttpRequest, filters: Query[RegionFilters]) -> Any:
    return selectors.region_choices(parent_code=filters.parent)
