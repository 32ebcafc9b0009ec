"""Probes, request ids and the HTTP shape of refused requests."""

import httpx

from hub.db.migrate import head_revision
from tests.graphql_client import GraphQLClient


async def test_healthz_answers_without_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_migrated_revision(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "revision": head_revision()}


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"
    generated = await client.get("/healthz")
    assert len(generated.headers["x-request-id"]) == 32


GRAPHQL_RESPONSE = "application/graphql-response+json"


async def _post(api: GraphQLClient, **kwargs: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {api.key}", "Accept": GRAPHQL_RESPONSE}
    return await api.http.post("/graphql", headers=headers, **kwargs)  # type: ignore[arg-type]


async def test_syntax_error_is_a_400_with_parse_code(api: GraphQLClient) -> None:
    response = await _post(api, json={"query": "{ institutions { "})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "data" not in response.json()


async def test_unknown_field_is_a_400_with_validation_code(api: GraphQLClient) -> None:
    response = await _post(api, json={"query": "{ institutions { secret } }"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "data" not in response.json()


async def test_with_application_json_a_document_error_is_a_200_without_data(
    api: GraphQLClient,
) -> None:
    response = await api.http.post(
        "/graphql",
        json={"query": "{ institutions { secret } }"},
        headers={"Authorization": f"Bearer {api.key}", "Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "data" not in response.json()


async def test_body_that_is_not_json_is_a_graphql_shaped_400(api: GraphQLClient) -> None:
    response = await api.http.post(
        "/graphql",
        content=b"{not json",
        headers={"Authorization": f"Bearer {api.key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_batched_requests_are_refused_with_400(api: GraphQLClient) -> None:
    response = await _post(api, json=[{"query": "{ institutions { totalCount } }"}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Batching is not enabled"


async def test_too_deep_query_is_refused(api: GraphQLClient) -> None:
    nested = "parent { " * 12 + "name" + " }" * 12
    response = await _post(api, json={"query": f"{{ institutions {{ nodes {{ {nested} }} }} }}"})
    assert response.status_code == 400
    assert "exceeds maximum operation depth" in response.json()["errors"][0]["message"]


async def test_page_size_above_the_cap_is_a_bad_user_input(api: GraphQLClient) -> None:
    body = await api.execute("{ institutions(first: 1000) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"] is None


async def test_deeply_nested_json_body_is_a_400(api: GraphQLClient) -> None:
    response = await api.http.post(
        "/graphql",
        content=b"[" * 200_000,
        headers={"Authorization": f"Bearer {api.key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "The request body nests too deeply."


async def test_nul_in_variables_is_refused_before_any_query(api: GraphQLClient) -> None:
    response = await _post(
        api,
        json={
            "query": "query($s: String) "
            "{ institutions(filter: {nameContains: $s}) { totalCount } }",
            "variables": {"s": "a\x00b"},
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_nul_in_a_string_literal_is_refused(api: GraphQLClient) -> None:
    response = await _post(
        api, json={"query": '{ institutions(filter: {nameContains: "a\\u0000b"}) { totalCount } }'}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Text may not contain NUL or unpaired surrogates."
    )
