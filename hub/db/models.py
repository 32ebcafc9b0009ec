"""Every ORM class in one namespace, so that `Base.metadata` is complete once imported."""

from hub.db.api_key import ApiKey
from hub.db.audit import AuditEvent
from hub.db.base import Base
from hub.db.certificate import Certificate
from hub.db.contact import Contact
from hub.db.contract import Contract, contract_device
from hub.db.dedup import DuplicateCandidate, MergeEvent, MergeMember, NameAlias
from hub.db.device import Batch, Device, DeviceModel
from hub.db.institution import Institution
from hub.db.maintenance import MaintenancePlan
from hub.db.policy import PolicyRule
from hub.db.source_record import SourceRecord
from hub.db.ticket import Ticket
from hub.db.webhook import Webhook, WebhookDelivery

__all__ = [
    "ApiKey",
    "AuditEvent",
    "Base",
    "Batch",
    "Certificate",
    "Contact",
    "Contract",
    "Device",
    "DeviceModel",
    "DuplicateCandidate",
    "Institution",
    "MaintenancePlan",
    "MergeEvent",
    "MergeMember",
    "NameAlias",
    "PolicyRule",
    "SourceRecord",
    "Ticket",
    "Webhook",
    "WebhookDelivery",
    "contract_device",
]
