"""Run the workbench: bind the socket, start uvicorn, stop cleanly on Ctrl-C.

Stage: serve. Imports ``errors``, ``serve.app``, ``serve.workspace``; uvicorn.

The socket is bound before the server starts, so the URL printed is the one
that answers (``--port 0`` picks a free port) and the Host check knows the port.
uvicorn turns SIGINT and SIGTERM into a graceful shutdown: requests in flight
finish, and a write in progress completes or leaves the previous file (the
writer is atomic either way).
"""

from __future__ import annotations

import gc
import socket
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import AccordError
from .app import create_app
from .workspace import is_loopback


class ServeError(AccordError):
    pass


@dataclass
class Bound:
    """A listening socket and the URL that reaches it."""

    sock: socket.socket
    host: str
    port: int

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/"


def bind(host: str = "127.0.0.1", port: int = 8765) -> Bound:
    """Listen on ``host:port`` (0: a free port).

    Raises:
        ServeError: the address cannot be used.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return Bound(sock, host.strip("[]"), sock.getsockname()[1])


def serve(corpus: str | Path, *, host: str = "127.0.0.1", port: int = 8765, doc_id: str | None = None,
          target_lang: str = "fr", config_file: Path | None = None,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the workbench until interrupted; ``on_ready(url)`` is called once it listens.

    Raises:
        ServeError: the address cannot be used.
        LoadError: the corpus folder or the named document does not exist.
    """
    import rapidfuzz  # noqa: F401 - the suggestions need it: a missing extra fails now, not at the first one
    import uvicorn

    bound = bind(host, port)
    try:
        app = create_app(corpus, host=bound.host, port=bound.port, target_lang=target_lang, config_file=config_file)
        workspace = app.app.state.workbench.ws
        if doc_id is not None:
            workspace.document(doc_id)  # an unknown or unreadable document fails now, not in the browser
        else:
            workspace.listing()  # loads and checks every document once, so the first page is quick
        url = bound.url + (f"doc/{doc_id}" if doc_id else "") + f"?token={app.token}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)
            try:
                if on_ready is not None:
                    on_ready(url)
                server.run(sockets=[bound.sock])
            except KeyboardInterrupt:
                # uvicorn has shut down and re-raises the Ctrl-C it caught: that is how it is
                # stopped. One that came before its loop started leaves its coroutine unawaited.
                gc.collect()
    finally:
        bound.sock.close()


__all__ = ["Bound", "ServeError", "bind", "is_loopback", "serve"]
