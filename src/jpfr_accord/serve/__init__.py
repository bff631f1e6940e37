"""The translator's workbench: a local web application over the model, checks and writer.

Stage: serve (above every library stage, below ``cli``). Starlette, uvicorn and
rapidfuzz are imported by the modules that use them, so importing this package
for ``create_app`` or ``Workspace`` stays cheap for the rest of the toolkit.
"""

from .app import create_app
from .server import ServeError, bind, is_loopback, serve
from .workspace import Workspace

__all__ = ["ServeError", "Workspace", "bind", "create_app", "is_loopback", "serve"]
