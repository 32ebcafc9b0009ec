"""The data-quality report: failing counts per rule, the failing records, and fixing a field
in place through the record's own update mutation (its user errors shown beside the field)."""

from typing import Any

from graphql import GraphQLInputObjectType, GraphQLNonNull, GraphQLScalarType
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hub.authz.row_scope import graphql_field_name
from hub.console.gateway import Caller
from hub.console.page import back_to, caller, checked_form, render, signed_in
from hub.console.records import nodes_query

SAMPLES = 50
_REPORT = """
query Report($samples: Int!) {
  dataQualityReport(samples: $samples) {
    rules { rule entityType field description checked failing sampleIds }
  }
}
"""
# What names a failing record in the drill-down list, per type.
_TITLES = {
    "Institution": "code name",
    "Contact": "name department",
    "DeviceModel": "name manufacturer",
    "Device": "serialNumber",
    "Certificate": "number kind",
    "Batch": "lotNumber",
}
_UPDATE = """
mutation Fix($input: Update%(type)sInput!) {
  update%(type)s(input: $input) { userErrors { field code message } }
}
"""


async def _report(me: Caller, samples: int) -> list[dict[str, Any]]:
    return (await me.run(_REPORT, samples=samples))["dataQualityReport"]["rules"]


def editable_text_field(me: Caller, type_name: str, field: str) -> bool:
    """True when the field can be fixed with a text box: the update input takes it as a plain
    string and the caller may write it."""
    schema = me.graphql.schema._schema
    update = schema.get_type(f"Update{type_name}Input")
    if not isinstance(update, GraphQLInputObjectType) or field not in update.fields:
        return False
    kind = update.fields[field].type
    kind = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    is_text = isinstance(kind, GraphQLScalarType) and kind.name == "String"
    return is_text and me.can(f"update{type_name}") and me.may_edit(type_name, field)


@signed_in
async def report(request: Request) -> Response:
    """GET /console/quality: counts per rule."""
    rules = await _report(caller(request), 0)
    return render(request, "quality.html", rules=rules)


async def _rule_page(
    request: Request, errors: dict[str, list[dict[str, Any]]] | None = None
) -> Response:
    me = caller(request)
    code = request.path_params["rule"]
    rule = next((r for r in await _report(me, SAMPLES) if r["rule"] == code), None)
    if rule is None:
        raise HTTPException(404, "没有这条数据质量规则。")
    type_name = rule["entityType"]
    field = graphql_field_name(rule["field"])
    shown = field if me.sees(type_name, field) else ""
    selection = f"id version {_TITLES.get(type_name, '')} {shown}"
    query = nodes_query(type_name, selection)
    failing = (await me.run(query, ids=rule["sampleIds"])).get("nodes") or []
    return render(
        request,
        "quality_rule.html",
        status_code=422 if errors else 200,
        rule=rule,
        field=field,
        visible=bool(shown),
        title_fields=_TITLES.get(type_name, "").split(),
        records=[record for record in failing if record],
        can_fix=bool(shown) and editable_text_field(me, type_name, field),
        errors=errors or {},
        submitted=getattr(request.state, "submitted", {}),
    )


@signed_in
async def rule(request: Request) -> Response:
    """GET /console/quality/{rule}: the failing records, each with a fix box."""
    return await _rule_page(request)


@signed_in
async def fix(request: Request) -> Response:
    """POST /console/quality/{rule}/fix: one update of one field of one record."""
    form = await checked_form(request)
    me = caller(request)
    code = request.path_params["rule"]
    rule = next((r for r in await _report(me, 0) if r["rule"] == code), None)
    if rule is None:
        raise HTTPException(404, "没有这条数据质量规则。")
    type_name = rule["entityType"]
    field = graphql_field_name(rule["field"])
    record_id = str(form.get("id") or "")
    version = str(form.get("version") or "")
    value = str(form.get("value") or "")
    fix_input: dict[str, Any] = {
        "id": record_id,
        "expectedVersion": int(version) if version.isdigit() else None,
        field: value,
    }
    outcome = await me.run(_UPDATE % {"type": type_name}, input=fix_input)
    errors = outcome[f"update{type_name}"]["userErrors"]
    if errors:
        request.state.submitted = {record_id: value}
        return await _rule_page(request, {record_id: errors})
    return back_to(request, "quality_rule", rule=code)
