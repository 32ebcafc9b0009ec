"""The three read shapes of the side-by-side benchmark, as each server is asked them.

q1 a list page, q2 the CRM account view (README), q3 a list with a nested relation per row.
`canonical` turns any server's answer into one comparable shape, so that the benchmark can
check that the hub, PostGraphile and the raw endpoint return the same nodes.
"""

from datetime import datetime
from typing import Any

HUB = {
    "q1": "{ institutions(first: 20, orderBy: {field: CODE}) { nodes { code name } } }",
    "q2": """query AccountView($code: String!) {
  institution(code: $code) {
    id code name kind uscc regionCode status
    contacts { name title mobile email }
    certificates { kind number validTo reviewStatus }
    devices(first: 20) { serialNumber status warrantyEndsOn deviceModel { name deviceClass } }
    tickets(statuses: [OPEN, ASSIGNED, IN_PROGRESS]) { number status priority summary dueAt }
  }
}""",
    "q3": """{ institutions(first: 10, orderBy: {field: CODE}) { nodes { code name
  devices(first: 5) { serialNumber deviceModel { name } } } } }""",
}

# PostGraphile's own spelling of the same reads: its relation names, explicit default orders
# and the hub's default scopes (archived rows hidden) as filters.
_VISIBLE = 'filter: {status: {in: ["ACTIVE", "BLOCKED"]}}'
_LIVE_DEVICES = 'filter: {status: {notEqualTo: "ARCHIVED"}}'
POSTGRAPHILE = {
    "q1": f"{{ allInstitutions(first: 20, orderBy: [CODE_ASC], {_VISIBLE}) "
    "{ nodes { code name } } }",
    "q2": f"""query AccountView($code: String!) {{
  institutionByCode(code: $code) {{
    code name kind uscc regionCode status
    contactsByInstitutionId(orderBy: [NAME_ASC, ID_ASC], condition: {{status: "ACTIVE"}})
      {{ nodes {{ name title mobile email }} }}
    certificatesByInstitutionId(orderBy: [VALID_TO_ASC, ID_ASC], condition: {{status: "ACTIVE"}})
      {{ nodes {{ kind number validTo reviewStatus }} }}
    devicesByInstitutionId(first: 20, orderBy: [SERIAL_NUMBER_ASC, ID_ASC], {_LIVE_DEVICES})
      {{ nodes {{ serialNumber status warrantyEndsOn
                  deviceModelByDeviceModelId {{ name deviceClass }} }} }}
    ticketsByInstitutionId(orderBy: [OPENED_AT_ASC, ID_ASC],
      filter: {{status: {{in: ["OPEN", "ASSIGNED", "IN_PROGRESS"]}}}})
      {{ nodes {{ number status priority summary dueAt }} }}
  }}
}}""",
    "q3": f"""{{ allInstitutions(first: 10, orderBy: [CODE_ASC], {_VISIBLE}) {{ nodes {{ code name
  devicesByInstitutionId(first: 5, orderBy: [SERIAL_NUMBER_ASC, ID_ASC], {_LIVE_DEVICES})
    {{ nodes {{ serialNumber deviceModelByDeviceModelId {{ name }} }} }} }} }} }}""",
}

RAW_PATHS = {"q1": "/q1", "q2": "/q2?code=__CODE__", "q3": "/q3"}

_RENAMES = {
    "allInstitutions": "institutions",
    "institutionByCode": "institution",
    "contactsByInstitutionId": "contacts",
    "certificatesByInstitutionId": "certificates",
    "devicesByInstitutionId": "devices",
    "ticketsByInstitutionId": "tickets",
    "deviceModelByDeviceModelId": "deviceModel",
}
_LISTS = {"contacts", "certificates", "devices", "tickets"}


def canonical(value: Any) -> Any:
    """PostGraphile's names and connections mapped to the hub's, timestamps parsed, global IDs
    dropped (PostGraphile has its own)."""
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if not isinstance(value, dict):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        name = _RENAMES.get(key, key)
        if name == "id":
            continue
        if name in _LISTS and isinstance(item, dict):
            item = item["nodes"]
        if name == "dueAt" and isinstance(item, str):
            item = datetime.fromisoformat(item)
        result[name] = canonical(item)
    return result
