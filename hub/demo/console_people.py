"""The demo's console users: one person per everyday role, each with a fresh password."""

import secrets
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from hub.audit.writer import Author
from hub.authz import people
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role

SALES_ORG_PATH = "cn/east/shanghai"
"""The demo sales rep's region (the demo-sales API key's too)."""


@dataclass(frozen=True)
class DemoPerson:
    """A demo user and, once issued, the password printed for them."""

    username: str
    display_name: str
    role: Role
    org_path: str = ROOT_ORG_PATH
    password: str = ""


DEMO_PEOPLE = (
    DemoPerson("li.na", "李娜", Role.STEWARD),
    # A second steward, so certificate reviews can be shown with four eyes.
    DemoPerson("wang.fang", "王芳", Role.STEWARD),
    DemoPerson("zhao.min", "赵敏", Role.AUDITOR),
    DemoPerson("chen.jie", "陈杰", Role.SALES, SALES_ORG_PATH),
)


async def issue_demo_people(session: AsyncSession, author: Author) -> list[DemoPerson]:
    """Give every demo person a fresh password, creating the people that are missing."""
    existing = {person.username for person in await people.list_people(session)}
    issued = []
    for person in DEMO_PEOPLE:
        password = secrets.token_urlsafe(9)
        if person.username in existing:
            await people.set_password(session, author, person.username, password)
        else:
            await people.create_person(
                session,
                author,
                person.username,
                password,
                person.role,
                display_name=person.display_name,
                org_path=person.org_path,
            )
        issued.append(DemoPerson(**{**person.__dict__, "password": password}))
    return issued
