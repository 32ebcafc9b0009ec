"""GraphQL presentation of qualification, compliance decisions, alerts and data quality."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from hub.db.enums import CertificateKind, QualificationStatus
from hub.errors import ErrorCode
from hub.quality.compliance import ComplianceResult, Decision
from hub.quality.data_quality import RecordQuality
from hub.quality.qualification import Qualification as QualificationResult
from hub.quality.reasons import Reason, ReasonCode
from hub.store.alerts import AlertKind

if TYPE_CHECKING:
    from hub.schema.institution import Institution

strawberry.enum(QualificationStatus, description="QUALIFIED, EXPIRING (still qualified) or not.")
strawberry.enum(
    ReasonCode, description="Why an institution is (not) qualified, or a sale is (not) allowed."
)
strawberry.enum(Decision, description="Whether the sale may go ahead.")
strawberry.enum(AlertKind, description="What falls due.")


@strawberry.type(description="One reason behind a qualification status or a compliance decision.")
class QualificationReason:
    code: ReasonCode
    certificate_kind: CertificateKind | None = strawberry.field(
        description="The certificate kind the reason is about, if any."
    )
    message: str


def reasons_of(reasons: tuple[Reason, ...]) -> list[QualificationReason]:
    """GraphQL reasons from computed ones."""
    return [
        QualificationReason(
            code=reason.code, certificate_kind=reason.certificate_kind, message=reason.message
        )
        for reason in reasons
    ]


@strawberry.type(
    description="An institution's qualification, computed from its approved certificates."
)
class Qualification:
    status: QualificationStatus
    reasons: list[QualificationReason]
    on: date = strawberry.field(description="The day it was computed for.")

    @classmethod
    def of(cls, result: QualificationResult, on: date) -> "Qualification":
        """Present a computed qualification."""
        return cls(status=result.status, reasons=reasons_of(result.reasons), on=on)


@strawberry.type(description="May this institution be sold this device model on this day?")
class ComplianceCheck:
    decision: Decision
    reasons: list[QualificationReason]
    on: date

    @classmethod
    def of(cls, result: ComplianceResult, on: date) -> "ComplianceCheck":
        """Present a computed decision."""
        return cls(decision=result.decision, reasons=reasons_of(result.reasons), on=on)


@strawberry.type(description="Something due on a date: an expiry, an end, a maintenance.")
class Alert:
    kind: AlertKind
    due_on: date
    days_left: int = strawberry.field(description="Negative when overdue.")
    label: str = strawberry.field(description="Certificate or contract number, device serial.")
    subject_id: strawberry.ID = strawberry.field(description="Global ID of the record it is about.")
    institution: Annotated["Institution", strawberry.lazy("hub.schema.institution")] | None
    assignee: str | None = strawberry.field(
        default=None, description="Who must act (a follow-up's owner), when the rule names one."
    )


@strawberry.type(description="One data-quality problem of one record.")
class DataQualityIssue:
    rule: str
    field: str
    code: ErrorCode
    message: str


@strawberry.type(description="How complete and correct one record is.")
class DataQuality:
    score: float = strawberry.field(description="Share of the record's rules it passes (0-1).")
    issues: list[DataQualityIssue]

    @classmethod
    def of(cls, quality: RecordQuality) -> "DataQuality":
        """Present a record's assessment."""
        return cls(
            score=quality.score,
            issues=[
                DataQualityIssue(
                    rule=issue.rule.code,
                    field=issue.rule.field,
                    code=issue.problem.code,
                    message=issue.problem.message,
                )
                for issue in quality.issues
            ],
        )


@strawberry.type(description="How many records fail one data-quality rule.")
class DataQualityRuleResult:
    rule: str
    entity_type: str
    field: str
    description: str
    checked: int
    failing: int
    sample_ids: list[strawberry.ID] = strawberry.field(description="The first failing records.")


@strawberry.type(description="Every data-quality rule with its failures.")
class DataQualityReport:
    rules: list[DataQualityRuleResult]
