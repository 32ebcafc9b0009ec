"""What every console page shares: the signed-in caller, CSRF-checked forms, rendering."""

from collections.abc import Awaitable, Callable
from functools import wraps
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from hub.console import labels, sessions
from hub.console.gateway import Caller
from hub.graphql_app import HubGraphQL

Handler = Callable[[Request], Awaitable[Response]]

templates = Environment(
    loader=FileSystemLoader(str(resources.files("hub.console").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters.update(labels.FILTERS)
templates.tests["visible_in"] = lambda field, type_name, sees: sees(type_name, field)


def hub_graphql(request: Request) -> HubGraphQL:
    """The hub's GraphQL app the console executes operations on."""
    return request.app.state.graphql


def caller(request: Request) -> Caller:
    """The signed-in caller of a page wrapped by `signed_in`."""
    return request.state.caller


def signed_in(handler: Handler) -> Handler:
    """Resolve the session cookie to a Caller, or send the browser to the sign-in page."""

    @wraps(handler)
    async def wrapper(request: Request) -> Response:
        token = request.cookies.get(sessions.COOKIE)
        graphql = hub_graphql(request)
        found = None
        if token:
            async with graphql.database.reader() as session:
                found = await sessions.resume(session, token)
        if found is None:
            target = request.url_for("signin").include_query_params(next=request.url.path)
            return RedirectResponse(f"{target.path}?{target.query}", status_code=303)
        await graphql.policy.refresh_if_changed(graphql.settings.policy_refresh_seconds)
        permissions = await graphql.policy.permissions(found.identity)
        request.state.caller = Caller(graphql, request, found.identity, permissions)
        request.state.signed_in = found
        return await handler(request)

    return wrapper


async def checked_form(request: Request) -> FormData:
    """The posted form, refused with 403 unless it carries the session's CSRF token."""
    form = await request.form()
    token = form.get("csrf")
    if not sessions.same_token(request.state.signed_in.csrf_token, token):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试。")
    return form


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    """A page from its template, with the caller, the CSRF token and the navigation."""
    found = getattr(request.state, "signed_in", None)
    html = templates.get_template(template).render(
        request=request,
        url_for=lambda name, **params: request.url_for(name, **params).path,
        me=found,
        caller=getattr(request.state, "caller", None),
        csrf=found.csrf_token if found else None,
        **values,
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


SECURITY_HEADERS = {
    # Everything the pages use comes from the hub itself; nothing may be framed or fetched
    # from elsewhere (the intranet has no internet, and a page must not be clickjacked).
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def back_to(request: Request, name: str, **params: Any) -> RedirectResponse:
    """See-other redirect after a successful action (so a reload does not repeat it)."""
    return RedirectResponse(request.url_for(name, **params).path, status_code=303)
