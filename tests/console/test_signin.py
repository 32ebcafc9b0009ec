"""Signing in and out of the console: cookie, forms protected against forgery, lifetimes."""

from datetime import timedelta

from sqlalchemy import select, update

from hub.audit.writer import Author
from hub.authz import people
from hub.authz.api_keys import revoke_key
from hub.db.api_key import ApiKey
from hub.db.audit import AuditEvent
from hub.db.console import ConsoleSession, Person
from hub.db.engine import Database
from hub.db.enums import Role
from hub.db.types import utcnow
from tests.console.conftest import SignIn
from tests.console.visitors import PASSWORD, SETUP, Visitor, add_person
from tests.graphql_client import issue_key


async def test_signing_in_sets_an_httponly_samesite_strict_cookie(
    visitor: Visitor, database: Database
) -> None:
    username = await add_person(database, Role.STEWARD)
    answer = await visitor.sign_in(username=username, password=PASSWORD)
    assert answer.status_code == 303
    cookie = next(
        value
        for name, value in answer.headers.multi_items()
        if name == "set-cookie" and value.startswith("hub_console=")
    )
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    home = await visitor.get("/")
    assert home.status_code == 200 and "数据管理员" in home.text


async def test_a_wrong_password_gets_no_session(visitor: Visitor, database: Database) -> None:
    username = await add_person(database, Role.STEWARD)
    answer = await visitor.sign_in(username=username, password="not the password")
    assert answer.status_code == 401
    assert "用户名、密码或 API 密钥不正确" in answer.text
    assert "hub_console=" not in answer.headers.get("set-cookie", "")
    assert (await visitor.get("/")).status_code == 303


async def test_a_sign_in_post_without_its_form_token_is_refused(
    visitor: Visitor, database: Database
) -> None:
    username = await add_person(database, Role.STEWARD)
    answer = await visitor.http.post(
        "/console/signin", data={"csrf": "forged", "username": username, "password": PASSWORD}
    )
    assert answer.status_code == 403


async def test_a_signed_out_browser_is_sent_to_sign_in_and_back(visitor: Visitor) -> None:
    answer = await visitor.get("/reviews")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/signin?next=%2Fconsole%2Freviews"


async def test_after_sign_in_the_browser_returns_to_the_page_it_asked_for(
    visitor: Visitor, database: Database
) -> None:
    username = await add_person(database, Role.STEWARD)
    answer = await visitor.sign_in(username=username, password=PASSWORD, next="/console/merges")
    assert answer.headers["location"] == "/console/merges"
    elsewhere = await visitor.sign_in(
        username=username, password=PASSWORD, next="https://evil.example/console/"
    )
    assert elsewhere.headers["location"] == "/console/"


async def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(
    signed_in: SignIn, console_app: object
) -> None:
    steward = await signed_in(Role.STEWARD)
    copied = dict(steward.http.cookies.items())
    assert (await steward.post("/signout")).status_code == 303
    thief = Visitor(console_app)  # type: ignore[arg-type]
    try:
        thief.http.cookies.update(copied)
        assert (await thief.get("/")).status_code == 303
    finally:
        await thief.aclose()


async def test_an_expired_session_is_refused(signed_in: SignIn, database: Database) -> None:
    steward = await signed_in(Role.STEWARD)
    async with database.transaction() as session:
        await session.execute(
            update(ConsoleSession).values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert (await steward.get("/")).status_code == 303


async def test_a_form_without_the_session_token_is_refused(signed_in: SignIn) -> None:
    steward = await signed_in(Role.STEWARD)
    answer = await steward.post("/signout", csrf="forged")
    assert answer.status_code == 403
    assert (await steward.get("/")).status_code == 200


async def test_a_service_account_signs_in_with_its_key_until_it_is_revoked(
    visitor: Visitor, database: Database
) -> None:
    secret = await issue_key(database, Role.AUDITOR, "audit-robot")
    assert (await visitor.sign_in(api_key=secret)).status_code == 303
    assert "audit-robot" in (await visitor.get("/")).text
    async with database.transaction() as session:
        await revoke_key(session, SETUP, "audit-robot")
    assert (await visitor.get("/")).status_code == 303


async def test_disabling_a_person_ends_their_session(signed_in: SignIn, database: Database) -> None:
    steward = await signed_in(Role.STEWARD)
    async with database.transaction() as session:
        await people.set_disabled(session, SETUP, steward.username, True)
    assert (await steward.get("/")).status_code == 303


async def test_passwords_are_kept_as_argon2_hashes_out_of_the_audit_trail(
    database: Database,
) -> None:
    username = await add_person(database, Role.STEWARD)
    async with database.transaction() as session:
        await people.set_password(session, Author("test:admin"), username, "another long password")
    async with database.reader() as session:
        person = (
            await session.execute(select(Person).where(Person.username == username))
        ).scalar_one()
        events = (
            (await session.execute(select(AuditEvent).where(AuditEvent.entity_id == person.id)))
            .scalars()
            .all()
        )
        assert person.password_hash.startswith("$argon2id$")
        assert [event.action for event in events] == ["CREATE", "SET_PASSWORD"]
        assert all("password_hash" not in event.changes for event in events)
        assert await people.authenticate(session, username, "another long password") is not None
        assert await people.authenticate(session, username, PASSWORD) is None


async def test_a_short_password_is_refused(database: Database) -> None:
    async with database.transaction() as session:
        try:
            await people.create_person(session, SETUP, "short.one", "short", Role.STEWARD)
        except Exception as error:
            assert "password" in str(error)
        else:
            raise AssertionError("a five-character password was accepted")
    async with database.reader() as session:
        assert (await session.execute(select(ApiKey))).first() is None


async def test_repeated_wrong_passwords_lock_the_account_for_a_while(
    visitor: Visitor, database: Database
) -> None:
    username = await add_person(database, Role.STEWARD)
    for _ in range(5):
        assert (await visitor.sign_in(username=username, password="guess")).status_code == 401
    locked = await visitor.sign_in(username=username, password=PASSWORD)
    assert locked.status_code == 429
    assert 0 < int(locked.headers["retry-after"]) <= 900
    assert "尝试次数过多，请在 15 分钟后再试" in locked.text
    assert "hub_console=" not in locked.headers.get("set-cookie", "")


async def test_a_locked_account_does_not_lock_out_a_colleague(
    visitor: Visitor, database: Database
) -> None:
    guessed = await add_person(database, Role.STEWARD)
    colleague = await add_person(database, Role.AUDITOR)
    for _ in range(5):
        await visitor.sign_in(username=guessed, password="guess")
    assert (await visitor.sign_in(username=colleague, password=PASSWORD)).status_code == 303
