"""The workbench's web application (Starlette): pages, the JSON API, the static files.

Stage: serve. Imports ``errors``, ``resources``, ``checks`` (the rule registry),
``serve.workspace``, ``serve.page``, ``serve.suggest``, ``serve.security``; Starlette
and Jinja2.

Pages are rendered by Jinja2 with autoescaping and undefined variables as
errors; the script and style sheet are files (``templates/serve/``), never
inline, so the Content-Security-Policy can forbid inline code. The script
builds every text it shows with ``textContent``: corpus text is never markup.
Errors are one clear message (JSON for the API, a page otherwise), never a
traceback.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..checks import REGISTRY
from ..errors import AccordError
from ..resources import templates_dir
from .page import SHORTCUTS, STATES, Page, build_page, page_json
from .security import Guard, allowed_hosts, new_token
from .suggest import suggest
from .workspace import DocState, NotFound, WorkbenchError, Workspace

STATIC = {
    "workbench.js": "text/javascript; charset=utf-8",
    "workbench.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
MAX_BODY = 1_000_000
FILTERS = (("all", "all clauses"), ("findings", "with findings"), ("stale", "stale"),
           ("unreviewed", "never reviewed"), ("missing", "missing"))


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "serve")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Workbench:
    """The application's state: the workspace, the session token, the templates."""

    def __init__(self, workspace: Workspace, token: str) -> None:
        self.ws = workspace
        self.token = token
        self.env = _environment()
        self.static = {name: (templates_dir() / "serve" / name).read_bytes() for name in STATIC}
        self._pages: dict[str, tuple[str, Page, dict]] = {}  # doc id -> (version, page, its JSON), the last built

    def _built(self, state: DocState) -> tuple[str, Page, dict]:
        cached = self._pages.get(state.doc_id)
        if cached is None or cached[0] != state.version:
            page = build_page(state)
            cached = (state.version, page, page_json(page))
            self._pages[state.doc_id] = cached
        return cached

    def page(self, state: DocState) -> Page:
        """The page model of ``state``, built once per version of the document's files."""
        return self._built(state)[1]

    def page_data(self, state: DocState) -> dict:
        """The page model as JSON-ready values (what the script redraws the page from)."""
        return self._built(state)[2]

    def html(self, name: str, status: int = 200, **values: Any) -> HTMLResponse:
        body = self.env.get_template(name).render(token=self.token, **values)
        return HTMLResponse(body, status_code=status)

    # -- pages ----------------------------------------------------------

    async def index(self, request: Request) -> Response:
        rows = await run_in_threadpool(self.ws.listing)
        return self.html("index.html.j2", rows=rows, corpus=str(self.ws.corpus), version=_listing_version(rows))

    async def document(self, request: Request) -> Response:
        state = await run_in_threadpool(self.ws.document, request.path_params["doc_id"])
        page = await run_in_threadpool(self.page, state)
        return self.html("document.html.j2", page=page, shortcuts=SHORTCUTS, filters=FILTERS, states=STATES)

    async def rule(self, request: Request) -> Response:
        code = request.path_params["code"]
        try:
            r = REGISTRY.get(code)
        except Exception:  # noqa: BLE001 - the registry's own error for an unknown code
            raise NotFound(f"no rule {code!r}; see the list with 'jpfr rules'") from None
        return self.html("rule.html.j2", rule=r, sections=r.sections())

    async def static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise NotFound(f"no file {name!r}")
        return Response(self.static[name], media_type=STATIC[name])

    # -- API ------------------------------------------------------------

    async def api_document(self, request: Request) -> Response:
        state = await run_in_threadpool(self.ws.document, request.path_params["doc_id"])
        return JSONResponse(await run_in_threadpool(self.page_data, state))

    async def api_version(self, request: Request) -> Response:
        version = await run_in_threadpool(self.ws.version, request.path_params["doc_id"])
        return JSONResponse({"version": version})

    async def api_corpus_version(self, request: Request) -> Response:
        rows = await run_in_threadpool(self.ws.listing)
        return JSONResponse({"version": _listing_version(rows)})

    async def api_suggest(self, request: Request) -> Response:
        doc_id, eid = request.path_params["doc_id"], request.path_params["eid"]

        def work() -> list[dict]:
            state = self.ws.document(doc_id)
            clause = next((c for c in state.pair.source.clauses() if c.id == eid), None)
            if clause is None:
                raise NotFound(f"no clause {eid!r} in the {state.pair.source.lang} text")
            found = suggest(clause.text, [s.pair for s in self.ws.others(doc_id)])
            return [s.__dict__ for s in found]

        return JSONResponse({"eid": eid, "suggestions": await run_in_threadpool(work)})

    async def api_save(self, request: Request) -> Response:
        body = await _json(request)
        kind, node_id, text, version = body.get("kind"), body.get("id"), body.get("text"), body.get("version")
        if not isinstance(version, str) or (kind != "title" and not isinstance(node_id, str)):
            raise WorkbenchError("a save names the kind of text, its id, the text and the page's version")
        work = partial(self.ws.save, request.path_params["doc_id"], str(kind), node_id if kind != "title" else None,
                       text, version)
        state, changed = await run_in_threadpool(work)
        return await self._updated(state, changed)

    async def api_accept(self, request: Request) -> Response:
        body = await _json(request)
        eid, version = body.get("id"), body.get("version")
        if not isinstance(eid, str) or not isinstance(version, str):
            raise WorkbenchError("an accept names the clause id and the page's version")
        state, changed = await run_in_threadpool(self.ws.accept, request.path_params["doc_id"], eid, version)
        return await self._updated(state, changed)

    async def _updated(self, state: DocState, changed: list[str]) -> Response:
        page = await run_in_threadpool(self.page_data, state)
        return JSONResponse({"changed": changed, "page": page})


async def _json(request: Request) -> dict:
    try:
        body = await request.json()
    except ValueError:
        raise WorkbenchError("the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise WorkbenchError("the request body must be a JSON object")
    return body


def _listing_version(rows) -> str:
    import hashlib

    return hashlib.sha256(repr([(r.doc_id, r.title, r.clauses, r.by_severity, r.stale, r.unreviewed, r.missing,
                                 r.error) for r in rows]).encode()).hexdigest()[:32]


def create_app(corpus: str | Path, *, host: str = "127.0.0.1", port: int = 8765, target_lang: str = "fr",
               config_file: Path | None = None, token: str | None = None,
               extra_hosts: tuple[str, ...] = ()) -> Guard:
    """The workbench application over ``corpus``, answering to ``host:port`` only (its
    session token is ``.token``: opened once as ``/?token=…``, then kept in the cookie ``.cookie``).

    Raises:
        LoadError: the corpus folder does not exist.
    """
    wb = Workbench(Workspace(corpus, target_lang, config_file), token or new_token())
    routes = [
        Route("/", wb.index),
        Route("/doc/{doc_id}", wb.document),
        Route("/rules/{code}", wb.rule),
        Route("/static/{name}", wb.static_file),
        Route("/api/version", wb.api_corpus_version),
        Route("/api/doc/{doc_id}", wb.api_document),
        Route("/api/doc/{doc_id}/version", wb.api_version),
        Route("/api/doc/{doc_id}/suggest/{eid}", wb.api_suggest),
        Route("/api/doc/{doc_id}/save", wb.api_save, methods=["POST"]),
        Route("/api/doc/{doc_id}/accept", wb.api_accept, methods=["POST"]),
    ]

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return wb.html("error.html.j2", status=status, status_code=status, message=message)

    async def on_accord_error(request: Request, exc: Exception) -> Response:
        return error(request, getattr(exc, "status", 400), str(exc))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "no such page", 405: "method not allowed here", 413: "request too large"}
        return error(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    async def on_crash(request: Request, exc: Exception) -> Response:
        return error(request, 500, f"internal error ({type(exc).__name__}); the terminal running 'jpfr serve' has details")

    app = Starlette(
        routes=routes,
        exception_handlers={AccordError: on_accord_error, HTTPException: on_http_error, Exception: on_crash},
        max_body_size=MAX_BODY,
    )
    app.state.workbench = wb
    return Guard(app, hosts=allowed_hosts(host, port, extra_hosts), token=wb.token, cookie=f"jpfr-session-{port}",
                 max_body=MAX_BODY)
