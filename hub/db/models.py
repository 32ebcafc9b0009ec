"""Every ORM class in one namespace, so that `Base.metadata` is complete once imported."""

from hub.db.api_key import ApiKey
from hub.db.audit import AuditEvent
from hub.db.authorisation import Authorisation
from hub.db.base import Base
from hub.db.certificate import Certificate
from hub.db.console import ConsoleSession, Person
from hub.db.contact import Contact
from hub.db.contract import Contract, contract_device
from hub.db.credit import CreditProfile, CreditRequest, Receivable
from hub.db.dedup import DuplicateCandidate, MergeEvent, MergeMember, NameAlias
from hub.db.demo_loan import DemoLoan
from hub.db.department import Department
from hub.db.device import Batch, Device, DeviceModel
from hub.db.institution import Institution
from hub.db.interaction import Interaction, InteractionParticipant
from hub.db.maintenance import MaintenancePlan
from hub.db.policy import PolicyRule
from hub.db.source_record import SourceRecord
from hub.db.ticket import Ticket
from hub.db.training import Training, TrainingAttendee
from hub.db.webhook import Webhook, WebhookDelivery

__all__ = [
    "ApiKey",
    "AuditEvent",
    "Authorisation",
    "Base",
    "Batch",
    "Certificate",
    "ConsoleSession",
    "Contact",
    "Contract",
    "CreditProfile",
    "CreditRequest",
    "DemoLoan",
    "Department",
    "Device",
    "DeviceModel",
    "DuplicateCandidate",
    "Institution",
    "Interaction",
    "InteractionParticipant",
    "MaintenancePlan",
    "MergeEvent",
    "MergeMember",
    "NameAlias",
    "Person",
    "PolicyRule",
    "Receivable",
    "SourceRecord",
    "Ticket",
    "Training",
    "TrainingAttendee",
    "Webhook",
    "WebhookDelivery",
    "contract_device",
]
