"""The aid app's domain errors; each message is a lazy Chinese msgid, rendered at the edge."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, ValidationFailed


class BudgetExceeded(Conflict):
    code = "budget_exceeded"

    @classmethod
    def default_message(cls) -> Any:
        return _("该项目预算余额不足，不能审批本批次。")


class DuplicateGrant(Conflict):
    """A person or household already holds a place in this programme's cycle; `earlier` names it."""

    code = "duplicate_grant"

    def __init__(self, message: Any, *, earlier: list[dict[str, Any]] | None = None):
        super().__init__(message, field="recipient")
        self.earlier = earlier or []

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "earlier": self.earlier}


class BankFileInvalid(ValidationFailed):
    """The bank's result file has errors; none of its rows were applied. `errors` name each row."""

    code = "bank_file_invalid"

    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors
        super().__init__(_("银行回盘文件有错误，未导入任何结果；请按行号更正后重新导入。"), field="file")

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "errors": self.errors}
