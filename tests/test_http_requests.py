"""GraphQL over HTTP: whatever a client sends gets a GraphQL-shaped answer, never a 5xx."""

import json

import httpx
import pytest

from tests.graphql_client import GraphQLClient

GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = {"query": "{ __typename }"}

MALFORMED_BODIES = {
    "null": "null",
    "string": '"x"',
    "number": "42",
    "boolean": "true",
    "empty array": "[]",
    "array of non-objects": "[1, 2]",
    "array of strings": '["{ __typename }"]',
    "object without query": "{}",
    "query a number": '{"query": 1}',
    "query an object": '{"query": {"q": "{ __typename }"}}',
    "query an array": '{"query": ["{ __typename }"]}',
    "variables a string": '{"query": "{ __typename }", "variables": "x"}',
    "variables an array": '{"query": "{ __typename }", "variables": [1]}',
    "operationName a number": '{"query": "{ __typename }", "operationName": 5}',
    "operationName an object": '{"query": "{ __typename }", "operationName": {}}',
    "extensions a string": '{"query": "{ __typename }", "extensions": "x"}',
    "extensions an array": '{"query": "{ __typename }", "extensions": [1]}',
    "not JSON": "{ not json",
    "empty": "",
}

REFUSED_CONTENT_TYPES = [
    "text/plain",
    "application/graphql",
    "application/graphql-response+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/html",
]


def _headers(api: GraphQLClient, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api.key}", **extra}


@pytest.mark.parametrize("accept", ["application/json", GRAPHQL_RESPONSE])
async def test_each_malformed_body_is_a_400_with_a_graphql_error_and_no_data(
    api: GraphQLClient, accept: str
) -> None:
    answers = {}
    for name, body in MALFORMED_BODIES.items():
        response = await api.http.post(
            "/graphql",
            content=body.encode(),
            headers=_headers(api, **{"Content-Type": "application/json", "Accept": accept}),
        )
        answer = response.json()
        answers[name] = (
            response.status_code,
            answer["errors"][0]["extensions"]["code"],
            "data" in answer,
            response.headers["content-type"].split(";")[0],
        )

    assert answers == {name: (400, "BAD_REQUEST", False, accept) for name in MALFORMED_BODIES}


async def test_a_body_of_another_content_type_or_none_is_refused_with_415(
    api: GraphQLClient,
) -> None:
    answers = {}
    for content_type in [*REFUSED_CONTENT_TYPES, None]:
        headers = (
            _headers(api)
            if content_type is None
            else _headers(api, **{"Content-Type": content_type})
        )
        response = await api.http.post(
            "/graphql", content=json.dumps(TYPENAME).encode(), headers=headers
        )
        answers[content_type] = (
            response.status_code,
            response.json()["errors"][0]["extensions"]["code"],
        )

    assert answers == {
        content_type: (415, "UNSUPPORTED_MEDIA_TYPE")
        for content_type in [*REFUSED_CONTENT_TYPES, None]
    }


async def test_json_requests_are_answered_in_every_spelling_the_spec_allows(
    api: GraphQLClient,
) -> None:
    spellings = [
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
    ]
    answers = {}
    for content_type in spellings:
        response = await api.http.post(
            "/graphql",
            content=json.dumps(TYPENAME).encode(),
            headers=_headers(api, **{"Content-Type": content_type}),
        )
        answers[content_type] = (response.status_code, response.json())

    assert answers == {
        content_type: (200, {"data": {"__typename": "Query"}}) for content_type in spellings
    }


ACCEPTED = [
    (None, "application/json"),
    ("*/*", "application/json"),
    ("application/json", "application/json"),
    (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
    (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
    ("text/html", "application/json"),
]


async def test_the_answer_uses_the_media_type_the_client_accepts(api: GraphQLClient) -> None:
    answers = {}
    for accept, _ in ACCEPTED:
        headers = _headers(api) if accept is None else _headers(api, Accept=accept)
        request = api.http.build_request("POST", "/graphql", json=TYPENAME, headers=headers)
        if accept is None:
            del request.headers["accept"]
        response = await api.http.send(request)
        answers[accept] = (response.status_code, response.headers["content-type"])

    assert answers == {
        accept: (200, f"{answered_as}; charset=utf-8") for accept, answered_as in ACCEPTED
    }


@pytest.mark.parametrize(("accept", "status"), [("application/json", 200), (GRAPHQL_RESPONSE, 400)])
async def test_a_variable_that_cannot_be_coerced_is_a_request_error(
    api: GraphQLClient, accept: str, status: int
) -> None:
    response = await api.http.post(
        "/graphql",
        json={
            "query": "query($n: Int) { institutions(first: $n) { totalCount } }",
            "variables": {"n": "many"},
        },
        headers=_headers(api, Accept=accept),
    )

    assert response.status_code == status
    assert "data" not in response.json()
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_a_field_error_during_execution_keeps_data_and_a_200(api: GraphQLClient) -> None:
    response = await api.http.post(
        "/graphql",
        json={"query": "{ institutions(first: 100000) { totalCount } }"},
        headers=_headers(api, Accept=GRAPHQL_RESPONSE),
    )

    assert response.status_code == 200
    assert response.json()["data"] is None
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_get_queries_with_malformed_variables_are_a_400(api: GraphQLClient) -> None:
    for variables in ("null", "5", '"x"', "[1]", "{ nope"):
        response = await api.http.get(
            "/graphql",
            params={"query": "{ __typename }", "variables": variables},
            headers=_headers(api, Accept="application/json"),
        )
        assert response.status_code == 400, variables


async def test_hostile_requests_never_get_a_server_error(api: GraphQLClient) -> None:
    """Every combination above, and a few odd methods, in one sweep: nothing answers 5xx."""
    statuses = set()
    for body in MALFORMED_BODIES.values():
        for content_type in ["application/json", *REFUSED_CONTENT_TYPES]:
            response = await api.http.post(
                "/graphql",
                content=body.encode(),
                headers=_headers(api, **{"Content-Type": content_type}),
            )
            statuses.add(response.status_code)
    for method in ("PUT", "PATCH", "DELETE"):
        response = await api.http.request(method, "/graphql", headers=_headers(api), json=TYPENAME)
        statuses.add(response.status_code)

    assert all(400 <= status < 500 for status in statuses), statuses


def test_httpx_sends_json_bodies_as_application_json() -> None:
    """The tests above rely on httpx's own Content-Type for `json=` bodies."""
    request = httpx.Request("POST", "http://hub.test/graphql", json=TYPENAME)

    assert request.headers["content-type"] == "application/json"
