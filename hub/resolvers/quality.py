"""Qualification, compliance checks, alerts and the data-quality report."""

import asyncio
from datetime import date
from typing import Any

import strawberry

from hub.authz.row_scope import ensure_readable, read_scope
from hub.context.request import Info
from hub.db.department import Department as DepartmentRow
from hub.db.device import Batch as BatchRow
from hub.db.device import Device as DeviceRow
from hub.db.device import DeviceModel as DeviceModelRow
from hub.db.enums import BatchStatus
from hub.db.institution import Institution as InstitutionRow
from hub.db.listing import Scope
from hub.dock import authorisation_gate, loan_gate
from hub.global_ids import decode_any, encode_id
from hub.quality.clock import today
from hub.quality.compliance import ComplianceResult, Decision, Product, check, denied
from hub.quality.customer_rules import load_customer_rules
from hub.quality.reasons import Reason, ReasonCode
from hub.schema import relations
from hub.schema.graphql_errors import BadUserInput
from hub.schema.quality import (
    Alert,
    ComplianceCheck,
    DataQualityReport,
    DataQualityRuleResult,
)
from hub.store import alerts as alert_store
from hub.store import data_quality, devices, row_scope
from hub.store.alerts import AlertKind
from hub.store.training_gate import gated, training_gate

_MAX_ALERT_DAYS = 3660


def scope_of(info: Info) -> Scope:
    """Conditions restricting a query to the rows the caller may read."""
    return lambda model: read_scope(info.context.permissions, model)


async def row_of(info: Info, model: type[Any], global_id: str, argument: str) -> Any:
    """The readable row a global-ID argument names; BAD_USER_INPUT when it names none."""
    decoded = decode_any(global_id)
    if decoded is None or decoded[0] != model.__name__:
        raise BadUserInput(f"`{argument}` is not the ID of a {model.__name__}.")
    row = await info.context.loaders.by_id(model).load(decoded[1])
    if row is None:
        raise BadUserInput(f"No {model.__name__} with that `{argument}` exists.")
    return ensure_readable(info.context.permissions, row, model)


def _refused(result: ComplianceResult, refusals: list[Reason]) -> ComplianceResult:
    """DENIED for the gates' reasons (with the certificate check's own refusals), if any."""
    if not refusals:
        return result
    return denied(*refusals, *(result.reasons if result.decision is Decision.DENIED else ()))


async def decide(
    info: Info,
    institution: InstitutionRow,
    model: DeviceModelRow,
    on: date,
    unit: DeviceRow | None = None,
    department: DepartmentRow | None = None,
) -> ComplianceResult:
    """Compliance of selling the model (the unit, when scanned) to the institution (its
    department, when named) on a day: certificates, then the training, demo-loan and channel
    authorisation gates."""
    product = Product(device_class=model.device_class, category_code=model.category_code)
    held = await info.context.loaders.certificates_of().load(institution.id)
    result = check(institution, product, held, info.context.rules, on)
    training = load_customer_rules(info.context.settings.rules_file).training
    async with info.context.database.reader() as session:
        # Loader rows are Core rows; the gate reads the ORM records in its own session.
        item = await session.get(DeviceRow if unit else DeviceModelRow, (unit or model).id)
        place = await session.get(DepartmentRow, department.id) if department else None
        untrained = await training_gate(session, institution, item, place, on, training)
        refusals = await loan_gate.reasons(session, institution, unit, on) if unit else []
        refusals += await authorisation_gate.reasons(session, institution, model, on)
    return _refused(gated(result, untrained, training.gate), refusals)


async def _department(
    info: Info, global_id: strawberry.ID | None, institution: InstitutionRow
) -> DepartmentRow | None:
    if global_id is None:
        return None
    department = await row_of(info, DepartmentRow, global_id, "departmentId")
    if department.institution_id != institution.id:
        raise BadUserInput("`departmentId` is a department of another institution.")
    return department


async def compliance_check(
    info: Info,
    institution_id: strawberry.ID,
    device_model_id: strawberry.ID,
    on: date | None = None,
    department_id: strawberry.ID | None = None,
) -> ComplianceCheck:
    """May the institution (its department, when named) be sold the device model on the day
    (default: today in China)?"""
    institution = await row_of(info, InstitutionRow, institution_id, "institutionId")
    model = await row_of(info, DeviceModelRow, device_model_id, "deviceModelId")
    department = await _department(info, department_id, institution)
    day = on or today()
    decided = await decide(info, institution, model, day, department=department)
    return ComplianceCheck.of(decided, day)


def _unit_problems(unit: DeviceRow | None, batch: BatchRow | None, day: date) -> list[Reason]:
    if unit is None:
        return [Reason(ReasonCode.DEVICE_NOT_FOUND, "No device of that model has that serial.")]
    if batch is None:
        return []
    if batch.status is BatchStatus.RECALLED:
        return [Reason(ReasonCode.BATCH_RECALLED, f"Batch {batch.lot_number} is recalled.")]
    if batch.expires_on is not None and batch.expires_on < day:
        return [Reason(ReasonCode.BATCH_EXPIRED, f"Batch {batch.lot_number} has expired.")]
    return []


async def scanned_unit(info: Info, model: DeviceModelRow, serial_number: str) -> DeviceRow | None:
    """The unit of a model with a serial number, None when unknown or outside the caller's
    units (which reads as unknown)."""
    async with info.context.database.reader() as session:
        if info.context.permissions is not None:
            row_scope.grant(session, info.context.permissions)
        unit = await devices.by_serial(session, model.id, serial_number)
        return unit if unit is not None and row_scope.readable(session, unit) else None


async def unit_decision(
    info: Info,
    institution: InstitutionRow,
    model: DeviceModelRow,
    unit: DeviceRow | None,
    day: date,
    department: DepartmentRow | None = None,
) -> ComplianceResult:
    """Compliance for one physical unit: unknown units and bad batches are refused first."""
    batch = None
    if unit is not None and unit.batch_id is not None:
        batch = await info.context.loaders.by_id(BatchRow).load(unit.batch_id)
    if problems := _unit_problems(unit, batch, day):
        return denied(*problems)
    return await decide(info, institution, model, day, unit, department)


async def compliance_check_by_device(
    info: Info,
    institution_id: strawberry.ID,
    serial_number: str,
    device_model_id: strawberry.ID,
    department_id: strawberry.ID | None = None,
) -> ComplianceCheck:
    """The shipping-dock check: may this physical unit go to the institution (its department,
    when named; else the one it is installed in) today?"""
    institution = await row_of(info, InstitutionRow, institution_id, "institutionId")
    model = await row_of(info, DeviceModelRow, device_model_id, "deviceModelId")
    department = await _department(info, department_id, institution)
    day = today()
    unit = await scanned_unit(info, model, serial_number)
    decided = await unit_decision(info, institution, model, unit, day, department)
    return ComplianceCheck.of(decided, day)


async def alerts(
    info: Info,
    within_days: int = 90,
    kinds: list[AlertKind] | None = None,
    first: int | None = None,
) -> list[Alert]:
    """Expiring certificates and letters, ending contracts and warranties, due maintenance, demo
    units due back (and overdue), follow-ups, credit; earliest first."""
    if not 0 <= within_days <= _MAX_ALERT_DAYS:
        raise BadUserInput(f"`withinDays` must be between 0 and {_MAX_ALERT_DAYS}.")
    limit = info.context.settings.max_page_size if first is None else first
    if not 0 <= limit <= info.context.settings.max_page_size:
        raise BadUserInput(f"`first` must be between 0 and {info.context.settings.max_page_size}.")
    async with info.context.reads.session() as session:
        customer_rules = load_customer_rules(info.context.settings.rules_file)
        found = await alert_store.upcoming(
            session, today(), within_days, kinds, scope_of(info), customer_rules
        )
    found = found[:limit]
    # Gathered, so the institution loader fetches them all in one statement.
    holders = await asyncio.gather(
        *(relations.one(info, InstitutionRow, alert.institution_id) for alert in found)
    )
    return [
        Alert(
            kind=alert.kind,
            due_on=alert.due_on,
            days_left=alert.days_left,
            label=alert.label,
            subject_id=strawberry.ID(encode_id(type(alert.record).__name__, alert.record.id)),
            institution=holder,
            assignee=alert.assignee,
        )
        for alert, holder in zip(found, holders, strict=True)
    ]


async def data_quality_report(info: Info, samples: int = 5) -> DataQualityReport:
    """Per data-quality rule: how many live records fail it, and the first few of them."""
    if not 0 <= samples <= info.context.settings.max_page_size:
        raise BadUserInput("`samples` is out of range.")
    async with info.context.reads.session() as session:
        results = await data_quality.report(session, info.context.rules, samples, scope_of(info))
    return DataQualityReport(
        rules=[
            DataQualityRuleResult(
                rule=result.rule.code,
                entity_type=result.rule.model.__name__,
                field=result.rule.field,
                description=result.rule.description,
                checked=result.checked,
                failing=result.failing,
                sample_ids=[
                    strawberry.ID(encode_id(result.rule.model.__name__, row_id))
                    for row_id in result.sample_ids
                ],
            )
            for result in results
        ]
    )


QUERY_FIELDS = {
    "compliance_check": strawberry.field(
        resolver=compliance_check,
        description="ALLOWED or DENIED, with reasons: may the institution buy the model?",
    ),
    "compliance_check_by_device": strawberry.field(
        resolver=compliance_check_by_device,
        description="The compliance check for one physical unit, by model and serial number.",
    ),
    "alerts": strawberry.field(resolver=alerts, description="What falls due soon, by date."),
    "data_quality_report": strawberry.field(
        resolver=data_quality_report, description="Data-quality rules and their failures."
    ),
}

MUTATION_FIELDS: dict[str, Any] = {}
