"""People authenticate with signed JWTs: issuer, audience, expiry and signature are checked."""

import json
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from typer.testing import CliRunner

from hub.app import create_app
from hub.authz import tokens
from hub.cli import app as cli
from hub.config import Settings, get_settings
from hub.db.engine import Database
from hub.db.enums import Role
from tests.authz.conftest import SHANGHAI
from tests.conftest import TEST_JWT_SECRET

QUERY = {"query": "{ institutions { totalCount } }"}


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "sub": "alice@example.com",
        "roles": ["sales"],
        "org_path": SHANGHAI,
        "iss": "hub",
        "aud": "hub",
        "iat": now,
        "exp": now + 600,
    }
    return {**claims, **overrides}


async def _status(client: httpx.AsyncClient, token: str) -> int:
    response = await client.post(
        "/graphql", json=QUERY, headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code


async def test_valid_hs256_token_is_accepted(client: httpx.AsyncClient) -> None:
    token = jwt.encode(_claims(), TEST_JWT_SECRET, algorithm="HS256")
    assert await _status(client, token) == 200


@pytest.mark.parametrize(
    "claims",
    [
        _claims(exp=int(time.time()) - 10),
        _claims(aud="someone-else"),
        _claims(iss="evil"),
        _claims(roles=["overlord"]),
        _claims(roles=[]),
        {key: value for key, value in _claims().items() if key != "exp"},
    ],
    ids=["expired", "audience", "issuer", "unknown-role", "no-role", "no-expiry"],
)
async def test_bad_tokens_get_401(client: httpx.AsyncClient, claims: dict[str, Any]) -> None:
    token = jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256")
    assert await _status(client, token) == 401


async def test_token_signed_with_another_secret_gets_401(client: httpx.AsyncClient) -> None:
    token = jwt.encode(_claims(), "not-the-secret-but-long-enough-0123", algorithm="HS256")
    assert await _status(client, token) == 401


async def test_unsigned_token_gets_401(client: httpx.AsyncClient) -> None:
    header = jwt.utils.base64url_encode(json.dumps({"alg": "none"}).encode()).decode()
    body = jwt.utils.base64url_encode(json.dumps(_claims()).encode()).decode()
    assert await _status(client, f"{header}.{body}.") == 401


async def test_token_roles_and_org_path_drive_permissions(
    client: httpx.AsyncClient, api: Any
) -> None:
    await api.data(
        'mutation { a: createInstitution(input: {name: "沪", kind: CLINIC, orgPath: '
        '"cn/east/shanghai"}) { userErrors { code } } b: createInstitution(input: '
        '{name: "京", kind: CLINIC, orgPath: "cn/north"}) { userErrors { code } } }'
    )
    token = jwt.encode(_claims(), TEST_JWT_SECRET, algorithm="HS256")
    response = await client.post(
        "/graphql",
        json={"query": "{ institutions { nodes { name } } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.json()["data"]["institutions"]["nodes"] == [{"name": "沪"}]


def _rsa_pair() -> tuple[Any, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public_pem.decode()


def test_rs256_token_verifies_against_a_public_key_file(tmp_path: Path) -> None:
    private, public_pem = _rsa_pair()
    key_file = tmp_path / "public.pem"
    key_file.write_text(public_pem)
    settings = Settings(jwt_public_key_file=key_file)
    token = jwt.encode(_claims(roles=["service"]), private, algorithm="RS256")
    identity = tokens.verify(settings, token)
    assert (identity.subject, identity.roles, identity.kind) == (
        "alice@example.com",
        (Role.SERVICE,),
        "user",
    )


def test_rs256_token_verifies_against_a_jwks_file(tmp_path: Path) -> None:
    private, _ = _rsa_pair()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    jwks_file = tmp_path / "jwks.json"
    jwks_file.write_text(json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig"}]}))
    settings = Settings(jwt_jwks_file=jwks_file)
    token = jwt.encode(_claims(), private, algorithm="RS256", headers={"kid": "k1"})
    assert tokens.verify(settings, token).org_path == SHANGHAI
    other = jwt.encode(_claims(), private, algorithm="RS256", headers={"kid": "k2"})
    with pytest.raises(tokens.TokenRejected):
        tokens.verify(settings, other)


def test_hs256_is_refused_when_only_a_public_key_is_configured(tmp_path: Path) -> None:
    _, public_pem = _rsa_pair()
    key_file = tmp_path / "public.pem"
    key_file.write_text(public_pem)
    forged = jwt.encode(_claims(), "any-secret-value-that-is-long-enough", algorithm="HS256")
    with pytest.raises(tokens.TokenRejected):
        tokens.verify(Settings(jwt_public_key_file=key_file), forged)


async def test_cli_mints_a_working_token(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUB_JWT_SECRET", TEST_JWT_SECRET)
    get_settings.cache_clear()
    result = CliRunner().invoke(
        cli, ["token", "mint", "--subject", "bob", "--role", "auditor", "--ttl", "60"]
    )
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    app = create_app(Settings(database_url=database.url, jwt_secret=TEST_JWT_SECRET), database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
        response = await http.post(
            "/graphql",
            json={"query": "{ changes { lastSeq } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 200
    assert "errors" not in response.json()
