"""What the 集体合同 console pages share: who may see them, the scope, the kinds as choices."""

from collections.abc import Callable

from django.http import HttpRequest

from gonghui.contracts.selectors import kinds
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.common.views import View, needs_any

CONTRACT_PERMISSIONS = (Perm.CONTRACT_VIEW, Perm.CONTRACT_MANAGE)


def contract_scope(request: HttpRequest, permission: str = Perm.CONTRACT_VIEW) -> Scope:
    return scope_for(request.user, permission)


def needs_contract_permission(*permissions: str) -> Callable[[View], View]:
    return needs_any(*(permissions or CONTRACT_PERMISSIONS))


def kind_choices() -> list[tuple[int, str]]:
    return [(k.pk, k.name) for k in kinds()]
