"""One structured log line per HTTP request: id, actor, operation, duration, SQL count (every
statement sent, transaction control included), and whether reads were planned."""

import json
import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.context.request import RequestLog
from hub.db.engine import start_counting

logger = logging.getLogger("hub.access")

_REQUEST_ID_HEADER = "x-request-id"


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name.decode("latin-1") == _REQUEST_ID_HEADER:
            candidate = value.decode("latin-1").strip()
            # Echoed into logs and headers: keep it short and printable.
            if 0 < len(candidate) <= 64 and candidate.isprintable():
                return candidate
    return None


class RequestLogging:
    """Assigns a request id, counts SQL statements and logs the request when it ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        log = RequestLog()
        log.request_id = _incoming_request_id(scope) or log.request_id
        scope.setdefault("state", {})["log"] = log
        counter = start_counting()
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[_REQUEST_ID_HEADER] = log.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            line = {
                "request_id": log.request_id,
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "actor": log.actor,
                "operation": log.operation,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "sql_statements": counter.count,
                "planned_reads": log.planned,
            }
            logger.info(json.dumps(line, ensure_ascii=False))
