"""The workbench's guard: Host check, per-session token on writes, security headers.

Stage: serve. Imports nothing from the package (a plain ASGI middleware).

- A request whose ``Host`` header is not the address served is refused (421):
  a page of another site whose name was rebound to 127.0.0.1 (DNS rebinding)
  sends its own host name, and gets nothing.
- Every request that is not GET or HEAD must carry the session's token in the
  ``X-JPFR-Token`` header, be JSON, and come from the workbench's own origin when
  the browser names one: another site cannot make the browser send that header
  without a CORS preflight, which is never answered, nor read the token.
- Every response forbids inline script and style, framing and foreign fetches
  (Content-Security-Policy), MIME sniffing and referrers.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from urllib.parse import parse_qs

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)
TOKEN_HEADER = "x-jpfr-token"
SAFE_METHODS = ("GET", "HEAD")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    """The ``Host`` header values that name the served address (with its port)."""
    names = {host.strip("[]")}
    if host in ("127.0.0.1", "::1"):
        names.add("localhost")
    if host.strip("[]") in ("0.0.0.0", "::"):  # every interface: the machine's own names and addresses
        names |= _own_names()
    bracketed = {f"[{n}]" if ":" in n else n for n in names}
    out = {f"{n}:{port}".lower() for n in bracketed}
    if port == 80:
        out |= {n.lower() for n in bracketed}
    return out | {h.lower() for h in extra}


def _own_names() -> set[str]:
    import socket

    names = {"127.0.0.1", "localhost", "::1"}
    try:
        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        names |= {str(info[4][0]) for info in socket.getaddrinfo(hostname, None)}
    except OSError:
        pass
    return names


class Guard:
    """ASGI middleware enforcing the rules of the module docstring."""

    def __init__(self, app, *, hosts: set[str], token: str, cookie: str = "jpfr-session",
                 max_body: int = 1_000_000) -> None:
        self.app = app
        self.cookie = cookie
        self.max_body = max_body
        self.hosts = hosts
        self.origins = {f"http://{h}" for h in hosts}
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            await _refuse(send, 421, "this workbench answers only to its own address; unknown Host header")
            return
        if not self._has_session(headers):
            given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
            if scope["method"] in SAFE_METHODS and given and self._is_token(given):
                await self._start_session(send, scope.get("path", "/"))
                return
            await _refuse(send, 403, "open the workbench with the URL that 'jpfr serve' printed: "
                                     "it carries the session's secret")
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in self.origins:
                await _refuse(send, 403, "refused: the request comes from another site")
                return
            sent = headers.get(TOKEN_HEADER, "")
            if not sent or not secrets.compare_digest(sent.encode(), self.token.encode()):
                await _refuse(send, 403, "refused: missing or wrong session token; reload the page")
                return
            if not headers.get("content-type", "").split(";")[0].strip() == "application/json":
                await _refuse(send, 415, "refused: send JSON (Content-Type: application/json)")
                return
            length = headers.get("content-length", "0")
            if not length.isdigit() or int(length) > self.max_body:
                # (a body sent in chunks is cut at the same size by Starlette itself)
                await _refuse(send, 413, f"refused: the request is over {self.max_body} bytes")
                return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _is_token(self, given: str) -> bool:
        return secrets.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    def _has_session(self, headers: dict[str, str]) -> bool:
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie and self._is_token(value):
                return True
        return False

    async def _start_session(self, send, path: str) -> None:
        """The secret of the printed URL becomes a cookie; the address bar loses it."""
        cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        location = path if path.startswith("/") and not path.startswith("//") else "/"
        headers = [(b"location", location.encode("latin-1", "replace")), (b"set-cookie", cookie.encode()),
                   (b"content-length", b"0"), *SECURITY_HEADERS]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
