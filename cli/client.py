"""The command line as a client of `saksflyt serve`: with --server URL (or SAKSFLYT_SERVER)
and SAKSFLYT_TOKEN, a live-logging or read command sends its request to the server instead
of opening a store, and prints what the server answers: the same text the command prints
locally, because both come from documents.console. urllib only, so client mode starts fast.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import click

API = "/api/v1"


class Client:
    def __init__(self, server: str, token: str | None) -> None:
        self.base = server.rstrip("/") + API
        self.token = token

    def request(self, method: str, path: str, body: Any = None,
                params: dict[str, Any] | None = None) -> tuple[int, bytes, str]:
        query = {k: v for k, v in (params or {}).items() if v is not None and v is not False}
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return answer.status, answer.read(), answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Content-Type", "")
        except (urllib.error.URLError, OSError) as error:
            from documents.messages import say

            reason = getattr(error, "reason", error)
            click.echo("Feil: " + say("server_unreachable", url=self.base, reason=reason),
                       err=True)
            sys.exit(2)

    def call(self, method: str, path: str, body: Any = None,
             params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A JSON answer; an error answer is printed as the command prints it, and exits."""
        status, content, _ = self.request(method, path, body, params)
        answer = _json(content)
        if status >= 400:
            fail(status, answer)
        return answer

    def echo(self, method: str, path: str, body: Any = None,
             params: dict[str, Any] | None = None) -> None:
        """Print the command's output as the server sends it, with its exit status."""
        answer = self.call(method, path, body, params)
        click.echo(answer.get("text", ""), nl=False)
        if answer.get("stderr"):
            click.echo(answer["stderr"], nl=False, err=True)
        if answer.get("exit_code"):
            sys.exit(int(answer["exit_code"]))

    def download(self, path: str, params: dict[str, Any], target: Path) -> None:
        status, content, _ = self.request("GET", path, params=params)
        if status >= 400:
            fail(status, _json(content))
        target.write_bytes(content)

    def document(self, path: str, params: dict[str, Any], output: Path | None,
                 written: str, filename: str | None = None) -> None:
        """A document as the command writes it locally: text to standard output (or to
        `output`), a .docx to `output` or a file named as the server names it; then the
        message `written` (documents.messages) with the path."""
        from documents.messages import say

        to_stdout = output is None or str(output) == "-"
        fmt = params.get("format")
        if fmt in ("docx", "pdf"):
            if to_stdout:
                target = Path(filename or self.call("GET", path, params={
                    **params, "format": "name", "as": fmt})["filename"])
            else:
                target = output  # type: ignore[assignment]
            self.download(path, params, target)
            click.echo(say(written, path=target))
            return
        text = self.call("GET", path, params=params)["text"]
        if to_stdout:
            click.echo(text, nl=False)
            return
        assert output is not None
        output.write_text(text, encoding="utf-8")
        click.echo(say(written, path=output))


def _json(content: bytes) -> dict[str, Any]:
    try:
        found = json.loads(content.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {"message": content.decode("utf-8", "replace").strip()}
    return found if isinstance(found, dict) else {"data": found}


def fail(status: int, answer: dict[str, Any]) -> None:
    """The server's error as the command prints it locally: one line, and exit status 2
    (1 where the command answers «not yet», like vedtak without a decision)."""
    message = answer.get("message") or answer.get("detail") or f"HTTP {status}"
    if not isinstance(message, str):
        message = json.dumps(message, ensure_ascii=False)
    code = int(answer.get("exit_code", 2))
    click.echo(message if answer.get("plain") else f"Feil: {message}", err=True)
    sys.exit(code)


def path_of(arkivsak: str) -> str:
    """`19/8286` in a URL: the two parts as two path segments."""
    return "/".join(urllib.parse.quote(part, safe="") for part in arkivsak.split("/"))


def quoted(meeting: str) -> str:
    return urllib.parse.quote(meeting, safe="")
