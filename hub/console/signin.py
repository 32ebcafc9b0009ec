"""Signing in (a person's password, or a service account's API key) and signing out."""

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hub.authz import people
from hub.console import sessions
from hub.console.page import checked_form, hub_graphql, render, signed_in
from hub.console.throttle import SignInThrottle

_LOGIN_CSRF_COOKIE = "hub_console_login"
"""Before a session exists, the sign-in form's token is checked against this cookie."""


def _cookie_options(request: Request) -> dict[str, object]:
    return {
        "httponly": True,
        "samesite": "strict",
        "secure": request.url.scheme == "https",
        "path": "/console",
    }


def _next_page(request: Request, wanted: object) -> str:
    # Only pages of the console itself: a sign-in link must not send the browser elsewhere.
    home = str(request.url_for("home").path)
    if isinstance(wanted, str) and wanted.startswith(home) and "//" not in wanted:
        return wanted
    return home


async def signin_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    """The sign-in form, with a fresh anti-forgery token in a cookie and a hidden field."""
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "signin.html",
        status_code=status,
        login_token=token,
        error=error,
        next=request.query_params.get("next", ""),
    )
    response.set_cookie(_LOGIN_CSRF_COOKIE, token, **_cookie_options(request))  # type: ignore[arg-type]
    return response


async def signin(request: Request) -> Response:
    """Check the credentials and open a session."""
    form = await request.form()
    if not sessions.same_token(request.cookies.get(_LOGIN_CSRF_COOKIE, ""), form.get("csrf")):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试。")
    throttle: SignInThrottle = request.app.state.signin_throttle
    api_key = str(form.get("api_key") or "")
    username = str(form.get("username") or "")
    account = None if api_key else throttle.account(username)
    counters = {throttle.address(request.client and request.client.host): throttle.per_address}
    if account:
        counters[account] = throttle.per_account
    wait = throttle.wait_seconds(counters)
    if wait:
        response = await signin_page(
            request, f"尝试次数过多，请在 {-(-wait // 60)} 分钟后再试。", status=429
        )
        response.headers["Retry-After"] = str(wait)
        return response
    database = hub_graphql(request).database
    async with database.transaction() as session:
        if api_key:
            identity = await sessions.key_identity(session, api_key)
        else:
            person = await people.authenticate(session, username, str(form.get("password") or ""))
            identity = people.identity_of(person) if person else None
        if identity is None:
            throttle.failed(list(counters))
            return await signin_page(request, "用户名、密码或 API 密钥不正确。", status=401)
        token = await sessions.start(session, identity)
    if account:
        throttle.succeeded(account)
    response = RedirectResponse(_next_page(request, form.get("next")), status_code=303)
    response.set_cookie(
        sessions.COOKIE,
        token,
        max_age=int(sessions.LIFETIME.total_seconds()),
        **_cookie_options(request),  # type: ignore[arg-type]
    )
    response.delete_cookie(_LOGIN_CSRF_COOKIE, path="/console")
    return response


@signed_in
async def signout(request: Request) -> Response:
    """End the session: its row is deleted and the cookie cleared."""
    await checked_form(request)
    async with hub_graphql(request).database.transaction() as session:
        await sessions.end(session, request.cookies[sessions.COOKIE])
    response = RedirectResponse(request.url_for("signin").path, status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/console")
    return response
