"""Signed-in console visitors for tests that talk to the real ASGI app (no browser)."""

import re
import uuid

import httpx
from starlette.applications import Starlette

from hub.audit.writer import Author
from hub.authz import people
from hub.db.engine import Database
from hub.db.enums import Role

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
SETUP = Author(actor="test:setup", request_id="setup")


async def add_person(
    database: Database, role: Role, org_path: str = "cn", username: str | None = None
) -> str:
    """A person who may sign in with PASSWORD; returns the username."""
    username = username or f"{role.value}.{uuid.uuid4().hex[:6]}"
    async with database.transaction() as session:
        await people.create_person(session, SETUP, username, PASSWORD, role, org_path=org_path)
    return username


def token_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = _TOKEN.search(html)
    assert found, "the page has no form token"
    return found.group(1)


class Visitor:
    """A browser-like client of one app: keeps cookies, knows its session's form token."""

    def __init__(self, app: Starlette) -> None:
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
        )
        self.csrf = ""
        self.username = ""

    async def sign_in(self, **credentials: str) -> httpx.Response:
        """Fill in the sign-in form (username/password or api_key) and submit it."""
        page = await self.http.get("/console/signin")
        form = {"csrf": token_of(page.text), **credentials}
        answer = await self.http.post("/console/signin", data=form)
        if answer.status_code == 303:
            self.username = credentials.get("username", "")
            self.csrf = token_of((await self.http.get("/console/")).text)
        return answer

    async def get(self, path: str) -> httpx.Response:
        """GET a console page."""
        return await self.http.get(f"/console{path}")

    async def post(self, path: str, **form: str | list[str]) -> httpx.Response:
        """POST a console form with the session's token (unless the form names its own)."""
        return await self.http.post(f"/console{path}", data={"csrf": self.csrf, **form})

    async def aclose(self) -> None:
        """Close the client."""
        await self.http.aclose()
