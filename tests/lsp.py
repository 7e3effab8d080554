"""A small Language Server Protocol client over stdio, to drive yaml-language-server in tests.

It speaks just enough JSON-RPC for what an editor does with a plan: open a document, ask for
completions, and collect the diagnostics the server publishes.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Message = dict[str, Any]
_SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True}}


class LanguageServer:
    """One running language server, started with ``command`` in the folder ``root``."""

    def __init__(self, command: list[str], root: Path, *, timeout: float = 60) -> None:
        self.timeout = timeout
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self._next_id = 0
        self.diagnostics: dict[str, list[Message]] = {}
        threading.Thread(target=self._read, daemon=True).start()
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["plaintext"]}},
                "publishDiagnostics": {},
            },
            "workspace": {"configuration": True},
        }
        self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities},
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": _SETTINGS})

    def __enter__(self) -> LanguageServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- JSON-RPC --------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._inbox.put(None)
                    return
                text = line.decode("ascii").strip()
                if not text:
                    break
                name, _, value = text.partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is not None:
                self._inbox.put(json.loads(stream.read(length)))

    def _send(self, message: Message) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == number and "method" not in m)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result")

    def wait(self, match: Callable[[Message], bool]) -> Message:
        """Handle messages until one matches; answer the server's own requests meanwhile."""
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from the language server")
            try:
                message = self._inbox.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise RuntimeError("the language server stopped")
            if "method" in message and "id" in message:
                self._answer(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
            if match(message):
                return message

    def _answer(self, request: Message) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            result = [_SETTINGS["yaml"] for _ in request["params"].get("items", [])]
        self._send({"id": request["id"], "result": result})

    # ---- what an editor does ----------------------------------------------------------------

    def open(self, path: Path, text: str) -> str:
        """Open ``text`` as the document at ``path``; return its URI."""
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def completion(self, uri: str, line: int, character: int) -> list[Message]:
        """The completion items at a 0-based position."""
        position = {"line": line, "character": character}
        result = self.request(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": position}
        )
        return list(result["items"] if isinstance(result, dict) else result or [])

    def published(self, uri: str) -> list[Message]:
        """The diagnostics the server publishes for ``uri`` (waits for the first time)."""
        if uri not in self.diagnostics:
            self.wait(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                )
            )
        return self.diagnostics[uri]

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except (OSError, RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
