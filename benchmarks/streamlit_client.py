"""A minimal client of Streamlit's own websocket protocol, for load tests without a browser.

A browser tab opens ``/_stcore/stream`` and asks for script runs with ``BackMsg.rerun_script``
(the page's URL path and query string); the server answers with ``ForwardMsg`` deltas and ends
each run with ``script_finished``. Speaking that protocol measures the server alone: a browser
rendering on the same two cores would measure the browser instead.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT = 60.0  # s for one script run before it counts as an error


@dataclass
class RunResult:
    page: str
    seconds: float
    exceptions: int  # st.exception elements the run drew (a page that crashed draws one)
    error: str | None = None  # the run did not finish (timeout, dropped connection, server error)
    content: bytes = b""  # the elements drawn, serialised, when the run was asked to keep them
    reruns: int = 0  # runs the page cut short to run again (st.rerun) before this one ended
    selectboxes: list = field(default_factory=list)  # (widget id, its options) of each select box drawn

    @property
    def ok(self) -> bool:
        return self.error is None and self.exceptions == 0


class Session:
    """One browser-like session: one websocket, script runs one after another."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.headers = headers or {}  # e.g. the proxy's cookie that keeps a browser on one replica
        self.ws = None

    async def __aenter__(self) -> "Session":
        ws_url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        # proxy=None: loopback only, whatever proxy the environment names.
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.base_url,
                                           additional_headers=self.headers, proxy=None, max_size=None,
                                           open_timeout=RUN_TIMEOUT, ping_interval=None)
        # No pings from here (a browser sends none): a server busy with script runs answers them
        # late, and the client would close a healthy session.
        return self

    @property
    def response_headers(self):
        """The headers of the server's answer to the websocket's opening request."""
        return self.ws.response.headers

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def run(self, page: str, query: str = "", keep: bool = False,
                  widgets: dict[str, str] | None = None) -> RunResult:
        """Ask for a run of ``page`` (its URL path, "" for the home page) and wait for its end;
        ``keep`` keeps what the run drew (``RunResult.content``); ``widgets`` sets select boxes
        (widget id -> option shown), as a reader's choice in the browser does."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        for widget_id, option in (widgets or {}).items():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.string_value = option
        started = time.perf_counter()
        exceptions = 0
        kept: list[bytes] = []
        selectboxes: list = []
        reruns = 0
        try:
            await self.ws.send(msg.SerializeToString())
            async with asyncio.timeout(RUN_TIMEOUT):
                while True:
                    forward = ForwardMsg()
                    forward.ParseFromString(await self.ws.recv())
                    kind = forward.WhichOneof("type")
                    if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                        element = forward.delta.new_element
                        if element.WhichOneof("type") == "exception":
                            exceptions += 1
                        elif element.WhichOneof("type") == "selectbox":
                            selectboxes.append((element.selectbox.id, list(element.selectbox.options)))
                        if keep:
                            kept.append(element.SerializeToString())
                    elif kind == "page_not_found":
                        return RunResult(page, time.perf_counter() - started, exceptions, "page not found")
                    elif kind == "script_finished":
                        status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                        if status == "FINISHED_SUCCESSFULLY":
                            return RunResult(page, time.perf_counter() - started, exceptions,
                                             content=b"".join(kept), reruns=reruns, selectboxes=selectboxes)
                        if status == "FINISHED_EARLY_FOR_RERUN":  # the page asked for a rerun: wait for it
                            reruns += 1
                            kept.clear()
                            selectboxes.clear()
                            exceptions = 0
                            continue
                        if status != "FINISHED_FRAGMENT_RUN_SUCCESSFULLY":
                            return RunResult(page, time.perf_counter() - started, exceptions, status)
        except (TimeoutError, websockets.ConnectionClosed, OSError) as exc:
            return RunResult(page, time.perf_counter() - started, exceptions, type(exc).__name__)
