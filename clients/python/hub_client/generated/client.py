from datetime import date
from typing import Any, Optional, Union

from .authorisation_chain import AuthorisationChain
from .base_client import BaseClient
from .base_model import UNSET, UnsetType
from .changes import Changes
from .compliance_check import ComplianceCheck
from .compliance_check_by_device import ComplianceCheckByDevice
from .contacts import Contacts
from .contacts_by_ids import ContactsByIds
from .create_ticket import CreateTicket
from .credit_status import CreditStatus
from .device_by_serial_and_model import DeviceBySerialAndModel
from .device_models_by_udi_di import DeviceModelsByUdiDi
from .devices_by_serial import DevicesBySerial
from .devices_by_udi import DevicesByUdi
from .enums import ServiceMetricsGroup, TimelineKind
from .input_types import (
    ContactFilter,
    CreateTicketInput,
    InstitutionFilter,
    PlanMaintenanceInput,
    UpdateTicketInput,
    UpsertDepartmentInput,
    UpsertInteractionInput,
    UpsertReceivableInput,
)
from .institution_archive import InstitutionArchive
from .institution_by_code import InstitutionByCode
from .institution_timeline import InstitutionTimeline
from .institutions import Institutions
from .institutions_by_ids import InstitutionsByIds
from .maintenance_due import MaintenanceDue
from .plan_maintenance import PlanMaintenance
from .recent_interactions import RecentInteractions
from .record_sla_breaches import RecordSlaBreaches
from .service_metrics import ServiceMetrics
from .ship_check import ShipCheck
from .ticket_by_number import TicketByNumber
from .update_ticket import UpdateTicket
from .upsert_department import UpsertDepartment
from .upsert_interaction import UpsertInteraction
from .upsert_receivable import UpsertReceivable


def gql(q: str) -> str:
    return q


class Client(BaseClient):
    def changes(
        self,
        after: int,
        first: Union[Optional[int], UnsetType] = UNSET,
        entity_types: Union[Optional[list[str]], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Changes:
        query = gql("""
            query Changes($after: BigInt!, $first: Int, $entityTypes: [String!]) {
              changes(after: $after, first: $first, entityTypes: $entityTypes) {
                lastSeq
                hasMore
                events {
                  seq
                  at
                  actor
                  action
                  entityType
                  entityId
                  changes
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "after": after,
            "first": first,
            "entityTypes": entity_types,
        }
        response = self.execute(
            query=query, operation_name="Changes", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Changes.model_validate(data)

    def compliance_check(
        self,
        institution_id: str,
        device_model_id: str,
        on: Union[Optional[date], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> ComplianceCheck:
        query = gql("""
            query ComplianceCheck($institutionId: ID!, $deviceModelId: ID!, $on: Date) {
              complianceCheck(
                institutionId: $institutionId
                deviceModelId: $deviceModelId
                on: $on
              ) {
                ...ComplianceFields
              }
            }

            fragment ComplianceFields on ComplianceCheck {
              decision
              on
              reasons {
                code
                certificateKind
                message
              }
            }
            """)
        variables: dict[str, object] = {
            "institutionId": institution_id,
            "deviceModelId": device_model_id,
            "on": on,
        }
        response = self.execute(
            query=query, operation_name="ComplianceCheck", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ComplianceCheck.model_validate(data)

    def compliance_check_by_device(
        self,
        institution_id: str,
        serial_number: str,
        device_model_id: str,
        **kwargs: Any,
    ) -> ComplianceCheckByDevice:
        query = gql("""
            query ComplianceCheckByDevice($institutionId: ID!, $serialNumber: String!, $deviceModelId: ID!) {
              complianceCheckByDevice(
                institutionId: $institutionId
                serialNumber: $serialNumber
                deviceModelId: $deviceModelId
              ) {
                ...ComplianceFields
              }
            }

            fragment ComplianceFields on ComplianceCheck {
              decision
              on
              reasons {
                code
                certificateKind
                message
              }
            }
            """)
        variables: dict[str, object] = {
            "institutionId": institution_id,
            "serialNumber": serial_number,
            "deviceModelId": device_model_id,
        }
        response = self.execute(
            query=query,
            operation_name="ComplianceCheckByDevice",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ComplianceCheckByDevice.model_validate(data)

    def ship_check(
        self,
        institution_id: str,
        device_model_id: str,
        serial_number: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> ShipCheck:
        query = gql("""
            query ShipCheck($institutionId: ID!, $deviceModelId: ID!, $serialNumber: String) {
              shipCheck(
                institutionId: $institutionId
                deviceModelId: $deviceModelId
                serialNumber: $serialNumber
              ) {
                ...ComplianceFields
              }
            }

            fragment ComplianceFields on ComplianceCheck {
              decision
              on
              reasons {
                code
                certificateKind
                message
              }
            }
            """)
        variables: dict[str, object] = {
            "institutionId": institution_id,
            "deviceModelId": device_model_id,
            "serialNumber": serial_number,
        }
        response = self.execute(
            query=query, operation_name="ShipCheck", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShipCheck.model_validate(data)

    def contacts(
        self,
        filter_: Union[Optional[ContactFilter], UnsetType] = UNSET,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Contacts:
        query = gql("""
            query Contacts($filter: ContactFilter, $first: Int, $after: String) {
              contacts(filter: $filter, first: $first, after: $after) {
                totalCount
                pageInfo {
                  ...PageInfoFields
                }
                nodes {
                  ...ContactFields
                }
              }
            }

            fragment ContactFields on Contact {
              id
              name
              role
              title
              department
              mobile
              officePhone
              email
              status
              orgPath
              version
              updatedAt
              institution {
                id
                code
              }
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "filter": filter_,
            "first": first,
            "after": after,
        }
        response = self.execute(
            query=query, operation_name="Contacts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Contacts.model_validate(data)

    def contacts_by_ids(self, ids: list[str], **kwargs: Any) -> ContactsByIds:
        query = gql("""
            query ContactsByIds($ids: [ID!]!) {
              nodes(ids: $ids) {
                __typename
                ... on Contact {
                  ...ContactFields
                  redirectedFrom
                }
              }
            }

            fragment ContactFields on Contact {
              id
              name
              role
              title
              department
              mobile
              officePhone
              email
              status
              orgPath
              version
              updatedAt
              institution {
                id
                code
              }
            }
            """)
        variables: dict[str, object] = {"ids": ids}
        response = self.execute(
            query=query, operation_name="ContactsByIds", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ContactsByIds.model_validate(data)

    def credit_status(self, code: str, **kwargs: Any) -> CreditStatus:
        query = gql("""
            query CreditStatus($code: String!) {
              institution(code: $code) {
                id
                code
                name
                creditStatus {
                  status
                  utilisation
                  exposure
                  overdueAmount
                  oldestOverdueDays
                  reasons {
                    code
                    message
                  }
                  account {
                    code
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"code": code}
        response = self.execute(
            query=query, operation_name="CreditStatus", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreditStatus.model_validate(data)

    def upsert_receivable(
        self, input: UpsertReceivableInput, **kwargs: Any
    ) -> UpsertReceivable:
        query = gql("""
            mutation UpsertReceivable($input: UpsertReceivableInput!) {
              upsertReceivable(input: $input) {
                receivable {
                  id
                  documentNumber
                  amount
                  dueOn
                  asOf
                }
                userErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="UpsertReceivable",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpsertReceivable.model_validate(data)

    def devices_by_udi(self, udi: str, **kwargs: Any) -> DevicesByUdi:
        query = gql("""
            query DevicesByUdi($udi: String!) {
              devices(filter: {udi: $udi}, first: 2) {
                nodes {
                  ...DeviceFields
                }
              }
            }

            fragment DeviceFields on Device {
              id
              serialNumber
              udi
              status
              orgPath
              deviceModel {
                id
                name
                deviceClass
                udiDi
              }
              batch {
                lotNumber
                status
                expiresOn
              }
              institution {
                id
                code
                name
              }
            }
            """)
        variables: dict[str, object] = {"udi": udi}
        response = self.execute(
            query=query, operation_name="DevicesByUdi", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DevicesByUdi.model_validate(data)

    def devices_by_serial(
        self,
        serial: str,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> DevicesBySerial:
        query = gql("""
            query DevicesBySerial($serial: String!, $first: Int, $after: String) {
              devices(filter: {serialContains: $serial}, first: $first, after: $after) {
                pageInfo {
                  ...PageInfoFields
                }
                nodes {
                  ...DeviceFields
                }
              }
            }

            fragment DeviceFields on Device {
              id
              serialNumber
              udi
              status
              orgPath
              deviceModel {
                id
                name
                deviceClass
                udiDi
              }
              batch {
                lotNumber
                status
                expiresOn
              }
              institution {
                id
                code
                name
              }
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "serial": serial,
            "first": first,
            "after": after,
        }
        response = self.execute(
            query=query, operation_name="DevicesBySerial", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DevicesBySerial.model_validate(data)

    def device_by_serial_and_model(
        self, serial_number: str, device_model_id: str, **kwargs: Any
    ) -> DeviceBySerialAndModel:
        query = gql("""
            query DeviceBySerialAndModel($serialNumber: String!, $deviceModelId: ID!) {
              device(serialNumber: $serialNumber, deviceModelId: $deviceModelId) {
                ...DeviceFields
              }
            }

            fragment DeviceFields on Device {
              id
              serialNumber
              udi
              status
              orgPath
              deviceModel {
                id
                name
                deviceClass
                udiDi
              }
              batch {
                lotNumber
                status
                expiresOn
              }
              institution {
                id
                code
                name
              }
            }
            """)
        variables: dict[str, object] = {
            "serialNumber": serial_number,
            "deviceModelId": device_model_id,
        }
        response = self.execute(
            query=query,
            operation_name="DeviceBySerialAndModel",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DeviceBySerialAndModel.model_validate(data)

    def device_models_by_udi_di(
        self, udi_di: str, **kwargs: Any
    ) -> DeviceModelsByUdiDi:
        query = gql("""
            query DeviceModelsByUdiDi($udiDi: String!) {
              deviceModels(filter: {udiDi: $udiDi}, first: 2) {
                nodes {
                  id
                  name
                  deviceClass
                  udiDi
                }
              }
            }
            """)
        variables: dict[str, object] = {"udiDi": udi_di}
        response = self.execute(
            query=query,
            operation_name="DeviceModelsByUdiDi",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DeviceModelsByUdiDi.model_validate(data)

    def institutions(
        self,
        filter_: Union[Optional[InstitutionFilter], UnsetType] = UNSET,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Institutions:
        query = gql("""
            query Institutions($filter: InstitutionFilter, $first: Int, $after: String) {
              institutions(filter: $filter, first: $first, after: $after) {
                totalCount
                pageInfo {
                  ...PageInfoFields
                }
                nodes {
                  ...InstitutionFields
                }
              }
            }

            fragment InstitutionFields on Institution {
              id
              code
              name
              kind
              status
              uscc
              regionCode
              address
              orgPath
              qualificationStatus
              version
              updatedAt
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "filter": filter_,
            "first": first,
            "after": after,
        }
        response = self.execute(
            query=query, operation_name="Institutions", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Institutions.model_validate(data)

    def institution_by_code(self, code: str, **kwargs: Any) -> InstitutionByCode:
        query = gql("""
            query InstitutionByCode($code: String!) {
              institution(code: $code) {
                ...InstitutionFields
                qualification {
                  status
                  reasons {
                    code
                    certificateKind
                    message
                  }
                }
              }
            }

            fragment InstitutionFields on Institution {
              id
              code
              name
              kind
              status
              uscc
              regionCode
              address
              orgPath
              qualificationStatus
              version
              updatedAt
            }
            """)
        variables: dict[str, object] = {"code": code}
        response = self.execute(
            query=query,
            operation_name="InstitutionByCode",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return InstitutionByCode.model_validate(data)

    def institutions_by_ids(self, ids: list[str], **kwargs: Any) -> InstitutionsByIds:
        query = gql("""
            query InstitutionsByIds($ids: [ID!]!) {
              nodes(ids: $ids) {
                __typename
                ... on Institution {
                  ...InstitutionFields
                  redirectedFrom
                }
              }
            }

            fragment InstitutionFields on Institution {
              id
              code
              name
              kind
              status
              uscc
              regionCode
              address
              orgPath
              qualificationStatus
              version
              updatedAt
            }
            """)
        variables: dict[str, object] = {"ids": ids}
        response = self.execute(
            query=query,
            operation_name="InstitutionsByIds",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return InstitutionsByIds.model_validate(data)

    def upsert_department(
        self, input: UpsertDepartmentInput, **kwargs: Any
    ) -> UpsertDepartment:
        query = gql("""
            mutation UpsertDepartment($input: UpsertDepartmentInput!) {
              upsertDepartment(input: $input) {
                department {
                  id
                  code
                  name
                  localName
                }
                userErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="UpsertDepartment",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpsertDepartment.model_validate(data)

    def upsert_interaction(
        self, input: UpsertInteractionInput, **kwargs: Any
    ) -> UpsertInteraction:
        query = gql("""
            mutation UpsertInteraction($input: UpsertInteractionInput!) {
              upsertInteraction(input: $input) {
                interaction {
                  id
                  kind
                  occurredAt
                  nextFollowUpOn
                  department {
                    code
                    name
                  }
                }
                userErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query,
            operation_name="UpsertInteraction",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return UpsertInteraction.model_validate(data)

    def institution_archive(self, code: str, **kwargs: Any) -> InstitutionArchive:
        query = gql("""
            query InstitutionArchive($code: String!) {
              institution(code: $code) {
                id
                code
                name
                departments {
                  id
                  code
                  name
                  localName
                }
              }
            }
            """)
        variables: dict[str, object] = {"code": code}
        response = self.execute(
            query=query,
            operation_name="InstitutionArchive",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return InstitutionArchive.model_validate(data)

    def recent_interactions(
        self,
        institution_id: str,
        first: Union[Optional[int], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> RecentInteractions:
        query = gql("""
            query RecentInteractions($institutionId: ID!, $first: Int) {
              interactions(
                filter: {institutionId: $institutionId}
                orderBy: {field: OCCURRED_AT, direction: DESC}
                first: $first
              ) {
                totalCount
                nodes {
                  id
                  kind
                  occurredAt
                  ourPerson
                  summary
                  outcome
                  nextFollowUpOn
                  department {
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"institutionId": institution_id, "first": first}
        response = self.execute(
            query=query,
            operation_name="RecentInteractions",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RecentInteractions.model_validate(data)

    def service_metrics(
        self, from_: date, to: date, group_by: ServiceMetricsGroup, **kwargs: Any
    ) -> ServiceMetrics:
        query = gql("""
            query ServiceMetrics($from: Date!, $to: Date!, $groupBy: ServiceMetricsGroup!) {
              serviceMetrics(from: $from, to: $to, groupBy: $groupBy) {
                key
                label
                opened
                resolved
                meanResponseHours
                p90ResponseHours
                meanResolutionHours
                p90ResolutionHours
                firstTimeFixes
                firstTimeFixRate
                slaMeasured
                slaMet
                slaAttainment
                repeatFailures
                satisfactionResponses
                meanSatisfaction
              }
            }
            """)
        variables: dict[str, object] = {"from": from_, "to": to, "groupBy": group_by}
        response = self.execute(
            query=query, operation_name="ServiceMetrics", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ServiceMetrics.model_validate(data)

    def maintenance_due(self, within_days: int, **kwargs: Any) -> MaintenanceDue:
        query = gql("""
            query MaintenanceDue($withinDays: Int!) {
              maintenanceDue(withinDays: $withinDays) {
                dueOn
                daysLeft
                reason
                usageSinceLast
                device {
                  id
                  serialNumber
                  institution {
                    id
                    code
                    name
                  }
                }
                plan {
                  intervalDays
                  intervalUsage
                  usageUnit
                  checklist
                }
              }
            }
            """)
        variables: dict[str, object] = {"withinDays": within_days}
        response = self.execute(
            query=query, operation_name="MaintenanceDue", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MaintenanceDue.model_validate(data)

    def plan_maintenance(
        self, input: PlanMaintenanceInput, **kwargs: Any
    ) -> PlanMaintenance:
        query = gql("""
            mutation PlanMaintenance($input: PlanMaintenanceInput!) {
              planMaintenance(input: $input) {
                opened {
                  ...TicketFields
                }
                alreadyOpen
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment TicketFields on Ticket {
              id
              number
              kind
              priority
              status
              nextStatuses
              assignee
              summary
              resolution
              resolutionCode
              partsUsed
              engineer
              visits
              firstTimeFix
              satisfaction
              version
              openedAt
              respondBy
              respondedAt
              dueAt
              resolvedAt
              slaStatus
              institution {
                id
                code
              }
              device {
                id
                serialNumber
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="PlanMaintenance", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PlanMaintenance.model_validate(data)

    def record_sla_breaches(self, **kwargs: Any) -> RecordSlaBreaches:
        query = gql("""
            mutation RecordSlaBreaches {
              recordSlaBreaches {
                breached {
                  ...TicketFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment TicketFields on Ticket {
              id
              number
              kind
              priority
              status
              nextStatuses
              assignee
              summary
              resolution
              resolutionCode
              partsUsed
              engineer
              visits
              firstTimeFix
              satisfaction
              version
              openedAt
              respondBy
              respondedAt
              dueAt
              resolvedAt
              slaStatus
              institution {
                id
                code
              }
              device {
                id
                serialNumber
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query,
            operation_name="RecordSlaBreaches",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RecordSlaBreaches.model_validate(data)

    def ticket_by_number(self, number: str, **kwargs: Any) -> TicketByNumber:
        query = gql("""
            query TicketByNumber($number: String!) {
              ticket(number: $number) {
                ...TicketFields
              }
            }

            fragment TicketFields on Ticket {
              id
              number
              kind
              priority
              status
              nextStatuses
              assignee
              summary
              resolution
              resolutionCode
              partsUsed
              engineer
              visits
              firstTimeFix
              satisfaction
              version
              openedAt
              respondBy
              respondedAt
              dueAt
              resolvedAt
              slaStatus
              institution {
                id
                code
              }
              device {
                id
                serialNumber
              }
            }
            """)
        variables: dict[str, object] = {"number": number}
        response = self.execute(
            query=query, operation_name="TicketByNumber", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return TicketByNumber.model_validate(data)

    def create_ticket(self, input: CreateTicketInput, **kwargs: Any) -> CreateTicket:
        query = gql("""
            mutation CreateTicket($input: CreateTicketInput!) {
              createTicket(input: $input) {
                ticket {
                  ...TicketFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment TicketFields on Ticket {
              id
              number
              kind
              priority
              status
              nextStatuses
              assignee
              summary
              resolution
              resolutionCode
              partsUsed
              engineer
              visits
              firstTimeFix
              satisfaction
              version
              openedAt
              respondBy
              respondedAt
              dueAt
              resolvedAt
              slaStatus
              institution {
                id
                code
              }
              device {
                id
                serialNumber
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="CreateTicket", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CreateTicket.model_validate(data)

    def update_ticket(self, input: UpdateTicketInput, **kwargs: Any) -> UpdateTicket:
        query = gql("""
            mutation UpdateTicket($input: UpdateTicketInput!) {
              updateTicket(input: $input) {
                ticket {
                  ...TicketFields
                }
                userErrors {
                  ...UserErrorFields
                }
              }
            }

            fragment TicketFields on Ticket {
              id
              number
              kind
              priority
              status
              nextStatuses
              assignee
              summary
              resolution
              resolutionCode
              partsUsed
              engineer
              visits
              firstTimeFix
              satisfaction
              version
              openedAt
              respondBy
              respondedAt
              dueAt
              resolvedAt
              slaStatus
              institution {
                id
                code
              }
              device {
                id
                serialNumber
              }
            }

            fragment UserErrorFields on UserError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="UpdateTicket", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return UpdateTicket.model_validate(data)

    def institution_timeline(
        self,
        code: str,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        kinds: Union[Optional[list[TimelineKind]], UnsetType] = UNSET,
        from_: Union[Optional[date], UnsetType] = UNSET,
        to: Union[Optional[date], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> InstitutionTimeline:
        query = gql("""
            query InstitutionTimeline($code: String!, $first: Int, $after: String, $kinds: [TimelineKind!], $from: Date, $to: Date) {
              institution(code: $code) {
                id
                code
                name
                timeline(first: $first, after: $after, kinds: $kinds, from: $from, to: $to) {
                  totalCount
                  pageInfo {
                    ...PageInfoFields
                  }
                  nodes {
                    kind
                    at
                    label
                    recordType
                    recordId
                  }
                }
              }
            }

            fragment PageInfoFields on PageInfo {
              hasNextPage
              endCursor
            }
            """)
        variables: dict[str, object] = {
            "code": code,
            "first": first,
            "after": after,
            "kinds": kinds,
            "from": from_,
            "to": to,
        }
        response = self.execute(
            query=query,
            operation_name="InstitutionTimeline",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return InstitutionTimeline.model_validate(data)

    def authorisation_chain(
        self,
        distributor: str,
        device_model: str,
        region: str,
        on: Union[Optional[date], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> AuthorisationChain:
        query = gql("""
            query AuthorisationChain($distributor: ID!, $deviceModel: ID!, $region: String!, $on: Date) {
              authorisationChain(
                distributor: $distributor
                deviceModel: $deviceModel
                region: $region
                on: $on
              ) {
                complete
                links {
                  position
                  status
                  message
                }
                brokenLink {
                  position
                  status
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "distributor": distributor,
            "deviceModel": device_model,
            "region": region,
            "on": on,
        }
        response = self.execute(
            query=query,
            operation_name="AuthorisationChain",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return AuthorisationChain.model_validate(data)
