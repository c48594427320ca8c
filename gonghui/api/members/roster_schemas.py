"""What the roster import endpoints (集体登记入会) take and give. The report's cells are masked as on
the console: an identity number never leaves in full."""

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gonghui.api.common.schemas import Omit
from gonghui.members.models import RosterImport, RosterImportIssue

# A client's retry key (RFC draft "The Idempotency-Key HTTP Header Field"): visible ASCII, as sent.
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$",
                                      description="幂等键：同一操作者以同一键重复上传，返回第一次创建的批次")]
ImportStatus = Literal["uploaded", "validating", "validated", "committing", "committed", "failed"]


class UnionBriefOut(Schema):
    id: int
    name: str


class RosterImportOut(Schema):
    id: int
    union: UnionBriefOut
    original_name: str = Field(description="上传时的文件名")
    status: ImportStatus = Field(description="uploaded 等待校验 · validating 正在校验 · validated 已校验待提交 · "
                                             "committing 正在提交 · committed 已完成 · failed 失败")
    status_label: str
    running: bool = Field(description="校验或提交正在后台进行；轮询本批次直到为 false")
    progress: int = Field(description="当前阶段的进度（百分比）")
    total_rows: int
    valid_rows: int = Field(description="校验后：可以入会的行数；提交后：实际入会（含重新入会）的人数")
    transfer_rows: int = Field(description="校验后：已是其他工会会员、将发起接转的行数；提交后：已发起的接转数")
    error_rows: int = Field(description="有错误、不会入会的行数（含提交时才发现的）")
    admitted_rows: int
    rejoined_rows: int
    transfers_created: int
    committable: bool = Field(description="可以提交（已校验且有可入会或可接转的行）")
    issues_truncated: bool = Field(description="问题过多，只保存了前面的部分；行数统计仍是完整的")
    ignored_columns: list[str] = Field(description="未识别、已忽略的列标题")
    failure: str = Field(description="失败原因（status 为 failed 时）")
    created_at: datetime.datetime
    validated_at: datetime.datetime | None
    finished_at: datetime.datetime | None

    @staticmethod
    def of(ri: RosterImport) -> dict[str, Any]:
        return {
            "id": ri.pk, "union": {"id": ri.union.pk, "name": ri.union.name}, "original_name": ri.original_name,
            "status": ri.status, "status_label": str(ri.get_status_display()), "running": ri.running,
            "progress": ri.progress, "total_rows": ri.total_rows, "valid_rows": ri.valid_rows,
            "transfer_rows": ri.transfer_rows, "error_rows": ri.error_rows, "admitted_rows": ri.admitted_rows,
            "rejoined_rows": ri.rejoined_rows, "transfers_created": ri.transfers_created,
            "committable": ri.committable, "issues_truncated": ri.issues_truncated,
            "ignored_columns": [str(c) for c in ri.ignored_columns], "failure": ri.failure if ri.status == "failed"
            else "", "created_at": ri.created_at, "validated_at": ri.validated_at, "finished_at": ri.finished_at,
        }


class RosterIssueOut(Schema):
    row: int = Field(description="表格中的行号（表头通常是第1行）")
    field: str = Field(description="出错的字段（如 id_number、phone），整行的问题为空")
    column: str = Field(description="该字段的列名")
    code: str
    severity: Literal["error", "notice"] = Field(description="error 该行不会入会 · notice 提示（如将发起会籍接转）")
    message: str
    message_zh: str
    message_en: str
    value: str = Field(description="出错的单元格内容（证件号码、手机号码为遮蔽形式）")
    at_commit: bool = Field(description="提交时才发现的问题")

    @staticmethod
    def resolve_column(item: RosterImportIssue) -> str:
        return item.column_label


class RosterIssueFilters(Schema):
    severity: Literal["error", "notice"] | Omit = Field(None, description="只看错误或只看提示")
