"""User errors are one INFO line each; only unexpected exceptions get a traceback, at ERROR,
with the request id the client receives in `X-Request-ID`."""

import json
import logging

import httpx
import pytest
from sqlalchemy import text

from hub.db.engine import Database
from hub.db.enums import Role
from tests.graphql_client import GraphQLClient, issue_key

LOGGER = "hub.graphql"


async def _post(client: httpx.AsyncClient, key: str, body: dict[str, object]) -> httpx.Response:
    return await client.post("/graphql", json=body, headers={"Authorization": f"Bearer {key}"})


def _graphql_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == LOGGER]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{ institutions(first: 100000) { totalCount } }"}, "BAD_USER_INPUT"),
        (
            {
                "query": "query($n: Int) { institutions(first: $n) { totalCount } }",
                "variables": {"n": "many"},
            },
            "GRAPHQL_VALIDATION_FAILED",
        ),
        ({"query": "{ institutions { "}, "GRAPHQL_PARSE_FAILED"),
    ],
    ids=["first out of range", "bad variable", "syntax error"],
)
async def test_a_user_error_is_one_structured_info_line_without_traceback(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture, body: dict[str, object], code: str
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)

    response = await _post(api.http, api.key, body)

    (record,) = _graphql_records(caplog)
    assert record.levelno == logging.INFO
    assert record.exc_info is None
    line = json.loads(record.getMessage())
    assert line["user_error"] == code
    assert line["request_id"] == response.headers["x-request-id"]


async def test_forbidden_is_logged_as_a_user_error(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    auditor = await issue_key(database, Role.AUDITOR)
    caplog.set_level(logging.INFO, logger=LOGGER)

    response = await _post(
        api.http,
        auditor,
        {"query": 'mutation { archiveInstitution(input: {id: "x"}) { userErrors { code } } }'},
    )

    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    (record,) = _graphql_records(caplog)
    assert (record.levelno, record.exc_info) == (logging.INFO, None)
    assert json.loads(record.getMessage())["user_error"] == "FORBIDDEN"


async def test_a_malformed_body_is_logged_as_a_user_error(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)

    response = await api.http.post(
        "/graphql",
        content=b"null",
        headers={"Authorization": f"Bearer {api.key}", "Content-Type": "application/json"},
    )

    (record,) = _graphql_records(caplog)
    assert (record.levelno, record.exc_info) == (logging.INFO, None)
    line = json.loads(record.getMessage())
    assert (line["user_error"], line["request_id"]) == (
        "BAD_REQUEST",
        response.headers["x-request-id"],
    )


async def test_an_unexpected_exception_is_logged_at_error_with_traceback_and_request_id(
    api: GraphQLClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    # A real failure the resolvers cannot foresee: the table they read is gone.
    async with database.transaction() as session:
        await session.execute(text("ALTER TABLE ticket RENAME TO ticket_away"))
    try:
        response = await _post(api.http, api.key, {"query": "{ tickets { totalCount } }"})
    finally:
        async with database.transaction() as session:
            await session.execute(text("ALTER TABLE ticket_away RENAME TO ticket"))

    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["path"] == ["tickets"]
    assert error["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": response.headers["x-request-id"],
    }
    (record,) = _graphql_records(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
    assert response.headers["x-request-id"] in record.getMessage()
