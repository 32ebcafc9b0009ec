"""Signed JWT bearer tokens for people: HS256 with a shared secret, or RS256 with a public key
or JWKS file. Issuer, audience and expiry are always checked."""

import json
import time
from typing import Any

import jwt

from hub.authz.identity import Identity
from hub.config import Settings
from hub.db.base import ROOT_ORG_PATH
from hub.db.enums import Role

_HS256 = "HS256"
_RS256 = "RS256"


class TokenRejected(Exception):
    """A token that is malformed, unsigned by us, expired or missing claims."""


def looks_like_jwt(token: str) -> bool:
    """JWTs have three dot-separated parts; API keys have none."""
    return token.count(".") == 2


def _verification_key(settings: Settings, header: dict[str, Any]) -> Any:
    # The algorithm decides the key, and only configured algorithms are accepted, so an
    # RS256 public key can never be abused as an HS256 secret.
    algorithm = header.get("alg")
    if algorithm == _HS256 and settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    if algorithm == _RS256 and settings.jwt_jwks_file is not None:
        keys = jwt.PyJWKSet.from_json(settings.jwt_jwks_file.read_text(encoding="utf-8"))
        matching = [key for key in keys.keys if key.key_id == header.get("kid")]
        if not matching:
            raise TokenRejected("No key in the JWKS file matches the token's kid.")
        return matching[0].key
    if algorithm == _RS256 and settings.jwt_public_key_file is not None:
        return settings.jwt_public_key_file.read_text(encoding="utf-8")
    raise TokenRejected("Tokens signed with this algorithm are not accepted.")


def verify(settings: Settings, token: str) -> Identity:
    """The identity a valid token carries; TokenRejected otherwise."""
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token,
            _verification_key(settings, header),
            algorithms=[header.get("alg", "")],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except (jwt.PyJWTError, ValueError, json.JSONDecodeError, OSError) as error:
        raise TokenRejected(str(error)) from error
    try:
        roles = tuple(Role(role) for role in claims.get("roles", []))
    except ValueError as error:
        raise TokenRejected("The token names an unknown role.") from error
    if not roles:
        raise TokenRejected("The token carries no roles.")
    org_path = claims.get("org_path", ROOT_ORG_PATH)
    if not isinstance(org_path, str) or not org_path:
        raise TokenRejected("The token's org_path is not a path.")
    return Identity(subject=str(claims["sub"]), roles=roles, org_path=org_path, kind="user")


def mint(
    settings: Settings, subject: str, roles: list[Role], org_path: str, ttl_seconds: int
) -> str:
    """An HS256 token for a person (development and tests; production uses the IdP)."""
    if settings.jwt_secret is None:
        raise TokenRejected("Set HUB_JWT_SECRET to mint tokens.")
    now = int(time.time())
    claims = {
        "sub": subject,
        "roles": [role.value for role in roles],
        "org_path": org_path,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=_HS256)
