"""The training gate of the dock check: a device model that needs a trained operator goes only
to a department where some contact holds a valid training on that model.

`training_gate` answers reasons (empty when the gate passes); `gated` applies them to a
compliance result as the rules file says: a warning beside the decision, or a refusal.
"""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.db.contact import Contact
from hub.db.department import Department
from hub.db.device import Device, DeviceModel
from hub.db.enums import RecordStatus
from hub.db.institution import Institution
from hub.db.training import Training, TrainingAttendee
from hub.quality.compliance import ComplianceResult, Decision
from hub.quality.customer_rules import GateMode, TrainingRules, current_customer_rules
from hub.quality.reasons import Reason, ReasonCode


def requiring_models(rules: TrainingRules) -> ColumnElement[bool]:
    """SQL condition: the device model needs a trained operator under the rules."""
    conditions = (
        [DeviceModel.device_class.in_(rules.device_classes)] if rules.device_classes else []
    )
    conditions += [DeviceModel.category_code.startswith(code) for code in rules.categories]
    return or_(*conditions) if conditions else false()


def trained_operator_exists(
    model_id: Any, on: date, works_there: ColumnElement[bool]
) -> ColumnElement[bool]:
    """SQL condition: a live contact for whom `works_there` holds attended a live training on
    the model that is still valid on the day. `model_id` may be a value or a column, so the
    same rule serves one dock check and the list of gaps."""
    return exists(
        select(TrainingAttendee.id)
        .join(Training, Training.id == TrainingAttendee.training_id)
        .join(Contact, Contact.id == TrainingAttendee.contact_id)
        .where(
            Training.device_model_id == model_id,
            Training.status == RecordStatus.ACTIVE,
            Training.trained_on <= on,
            or_(
                TrainingAttendee.certificate_expires_on.is_(None),
                TrainingAttendee.certificate_expires_on >= on,
            ),
            Contact.status == RecordStatus.ACTIVE,
            works_there,
        )
    )


async def training_gate(
    session: AsyncSession,
    buyer: Institution,
    item: DeviceModel | Device,
    department: Department | None,
    on: date,
    rules: TrainingRules | None = None,
) -> list[Reason]:
    """Why the item should not go to the buyer's department untrained (empty: no objection).

    `item` is a model or one unit; a unit without a named department goes to the department
    it is installed in at the buyer. With no department at all, any trained contact of the
    buyer counts. `rules` default to the running hub's rules file.
    """
    rules = rules or current_customer_rules().training
    model = item
    if isinstance(item, Device):
        model = await session.get(DeviceModel, item.device_model_id)
        installed_here = item.institution_id == buyer.id and item.department_id is not None
        if department is None and installed_here:
            department = await session.get(Department, item.department_id)
    if not isinstance(model, DeviceModel) or not rules.requires_trained_operator(
        model.device_class, model.category_code
    ):
        return []
    works_there = (
        Contact.department_id == department.id
        if department is not None
        else Contact.institution_id == buyer.id
    )
    if (await session.execute(select(trained_operator_exists(model.id, on, works_there)))).scalar():
        return []
    where = department.name if department else buyer.name
    message = f"No contact in {where} holds a valid training on {model.name}."
    return [Reason(ReasonCode.OPERATOR_NOT_TRAINED, message)]


def gated(result: ComplianceResult, reasons: list[Reason], mode: GateMode) -> ComplianceResult:
    """The result with the gate's reasons: appended as warnings, or refusing under DENY."""
    if not reasons:
        return result
    if mode is GateMode.DENY:
        kept = result.reasons if result.decision is Decision.DENIED else ()
        return ComplianceResult(Decision.DENIED, (*kept, *reasons))
    return ComplianceResult(result.decision, (*result.reasons, *reasons))
