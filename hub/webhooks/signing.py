"""Webhook secrets and signatures.

What is signed: the bytes `<timestamp>.<body>`, where `<timestamp>` is the decimal Unix time sent
in `X-Hub-Timestamp` and `<body>` the raw request body. The signature is
`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 with the webhook's secret>`. Binding the
timestamp stops a captured request from being replayed later: receivers refuse old timestamps.
"""

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-Hub-Signature-256"
TIMESTAMP_HEADER = "X-Hub-Timestamp"
DELIVERY_HEADER = "X-Hub-Delivery"
SEQ_HEADER = "X-Hub-Event-Seq"
_SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret (256 random bits)."""
    return _SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The `X-Hub-Signature-256` value for a body sent at `timestamp`."""
    signed = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: int, body: bytes, header: str) -> bool:
    """True when `header` is the signature of this body and timestamp (constant-time)."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)
