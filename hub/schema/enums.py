"""The domain enumerations, exposed as GraphQL enums."""

import strawberry

from hub.db import enums
from hub.db.listing import SortDirection

for _enum, _description in (
    (enums.InstitutionKind, "What an institution is."),
    (enums.InstitutionStatus, "Lifecycle of an institution."),
    (enums.ContactRole, "What a contact does at the institution."),
    (enums.RecordStatus, "Lifecycle of a record: live, archived or merged."),
    (enums.DeviceClass, "NMPA risk class: I (low) to III (high)."),
    (enums.BatchStatus, "Lifecycle of a batch."),
    (enums.DeviceStatus, "Where a device is in its life."),
    (enums.ContractKind, "What a contract governs."),
    (enums.ContractStatus, "Lifecycle of a contract."),
    (enums.CertificateKind, "Kinds of licence, filing and personal document."),
    (enums.ReviewStatus, "Two-step review of a submitted certificate."),
    (enums.TicketKind, "What a service ticket is about."),
    (enums.TicketPriority, "How urgent a ticket is."),
    (enums.TicketStatus, "OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED, or CANCELLED."),
    (enums.MatchEntity, "Entity types the duplicate detector handles."),
    (enums.CandidateStatus, "OPEN for review, MERGED, or DISMISSED as not a duplicate."),
    (enums.Role, "A role of the access policy (admin, steward, auditor, crm, wms, …)."),
    (enums.DeliveryStatus, "PENDING (queued or retrying), DELIVERED, or FAILED (gave up)."),
    (enums.CreditTier, "NORMAL, WARNING, or HOLD (the dock refuses shipments)."),
    (
        enums.CreditRequestKind,
        "A change of rating and limit, or a time-limited override of a hold.",
    ),
    (SortDirection, "Ascending or descending."),
):
    strawberry.enum(_enum, description=_description)
