"""``panelapp serve``: the room's screen in web browsers, through textual-serve.

textual-serve starts one app process per browser. Each is a viewer seat:
always public, read-only, following the room's screen through the journal,
and reading the public figures the room's seat shared there rather than
computing any. A cap on viewers keeps a laptop serving a public gallery
from running out of memory: the next browser gets a plain "full" page.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from panelapp.config import Pack

FULL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Full</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>This page is full</h1>
<p>{count} people are already watching the meeting's screen here, as many as this
computer serves at once. Please try again in a while.</p>
</body></html>
"""
"""What the browser after the last allowed one is given: plain words, no app started."""


def reach(host: str, port: int) -> str:
    """The start message: where the page is, and who can open it."""
    if host in ("127.0.0.1", "localhost", "::1"):
        return (
            f"Serving the room's screen (public, read-only) at http://{host}:{port}\n"
            "Only this computer can open it. To let others watch, run again with "
            "--host 0.0.0.0 (anyone who can reach this computer on that port) or this "
            "computer's address on the meeting's network."
        )
    shown = "this computer's address" if host in ("0.0.0.0", "::") else host
    return (
        f"Serving the room's screen (public, read-only) at http://{shown}:{port}\n"
        f"Anyone who can reach {shown} on port {port} can watch: everyone on this "
        "network, and beyond it if the port is open to the internet. Small counts are "
        "always hidden there."
    )


class ViewerServer(Server):
    """textual-serve's server with a cap on viewers and the meeting's own start message."""

    def __init__(self, command: str, *, host: str, port: int, max_viewers: int) -> None:
        super().__init__(command, host=host, port=port, title="The room's screen")
        self.max_viewers = max_viewers
        self.viewers = 0
        """Browsers connected now, each with its own viewer process."""

    @property
    def full(self) -> bool:
        """Whether one more browser would be one too many."""
        return self.viewers >= self.max_viewers

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(reach(self.host, self.port), highlight=False, markup=False)
        self.console.print("Press Ctrl+C to stop serving.", highlight=False, markup=False)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if self.full:
            return web.Response(
                text=FULL.format(count=self.viewers), content_type="text/html", status=503
            )
        return await self._page(request)

    @aiohttp_jinja2.template("app_index.html")
    async def _page(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page, its links made from the address the browser used: a
        server listening on 0.0.0.0 is reached by a name the server cannot know."""
        origin = f"{request.scheme}://{request.host}"
        router = request.app.router
        socket = router["websocket"].url_for()
        static = router["static"].url_for(filename="/")
        ws_origin = ("wss" if request.scheme == "https" else "ws") + origin[len(request.scheme) :]
        return {
            "font_size": _size(request.query.get("fontsize", "16")),
            "app_websocket_url": f"{ws_origin}{socket}",
            "config": {"static": {"url": f"{origin}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.full:
            refused = web.WebSocketResponse()
            await refused.prepare(request)
            await refused.close(message=b"full")
            return refused
        self.viewers += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.viewers -= 1


def _size(text: str) -> int:
    try:
        return max(8, min(48, int(text)))
    except ValueError:
        return 16


def viewer_command(pack: Pack, journal: Path) -> str:
    """The shell command textual-serve runs for each browser: a viewer seat on this meeting."""
    parts = [sys.executable, "-m", "panelapp.cli", "viewer", str(pack.path), "--journal"]
    return shlex.join([*parts, str(journal)])


def serve(pack: Pack, journal: Path, *, host: str, port: int, max_viewers: int) -> int:
    """Serve until Ctrl+C; the exit status for the command line."""
    server = ViewerServer(
        viewer_command(pack, journal), host=host, port=port, max_viewers=max_viewers
    )
    server.serve()
    return 0
