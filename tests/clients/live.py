"""The hub served by uvicorn on 127.0.0.1 in a background thread, for clients to talk to."""

import socket
import threading

import uvicorn

from hub.app import create_app
from hub.config import Settings


class LiveHub:
    """A hub server on a port reserved up front.

    The socket is bound at once but listens only from `start()`: before that, connections are
    refused; after it they wait in the backlog until the server accepts them, so no test has to
    wait for the server to come up. The server has its own Database (its own event loop).
    """

    def __init__(self, settings: Settings) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def start(self) -> None:
        """Accept connections from now on (idempotent)."""
        if not self.thread.is_alive():
            self.socket.listen()
            self.thread.start()

    def stop(self) -> None:
        """Shut the server down and release the port."""
        if self.thread.is_alive():
            self.server.should_exit = True
            self.thread.join(timeout=30)
        self.socket.close()
