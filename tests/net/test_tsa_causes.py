"""Why a timestamp could not be obtained, in the message's language: each cause against a real server on
127.0.0.1 (an error status, a redirect, no answer, no TLS, nothing listening, an answer too large, a
connection dropped mid-answer), the Korean sentence free of English, and the same through the real CLI."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.net.loopback import closed_port
from victim_desk.errors import TimestampUnavailable, TimestampUrlInvalid
from victim_desk.net.tsa import MAX_ANSWER, request_timestamp

QUERY = b"0\x0b\x02\x01\x01timestamp-query"  # the server never parses it


class Authority:
    """A misbehaving timestamping authority: `mode` says how it answers the next POST."""

    def __init__(self) -> None:
        self.mode = "503"
        self.posts = 0
        self.release = threading.Event()
        authority = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                authority.posts += 1
                if authority.mode == "hang":
                    authority.release.wait(30)
                    return
                if authority.mode == "dropped":  # promises 4096 bytes, sends 16, hangs up
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n0123456789abcdef")
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                status, body, headers = {
                    "503": (503, b"busy, try later", ()),
                    "404": (404, b"no such path", ()),
                    "302": (302, b"", (("Location", "http://127.0.0.1:1/elsewhere"),)),
                    "huge": (200, b"\x30" * (MAX_ANSWER + 10), ()),
                }[authority.mode]
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/tsa"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def authority() -> Iterator[Authority]:
    served = Authority()
    try:
        yield served
    finally:
        served.stop()


# Latin letters a Korean cause may keep on purpose: the size unit.
_KEPT = {"MB"}


def latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text)) - _KEPT


def _unavailable(call: Callable[[], object]) -> TimestampUnavailable:
    with pytest.raises(TimestampUnavailable) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    ("mode", "cause", "status", "korean"),
    [
        ("503", "http_status", 503, "요청을 처리하지 않았습니다, 응답 번호 503"),
        ("404", "http_status", 404, "요청을 처리하지 않았습니다, 응답 번호 404"),
        ("302", "moved", 302, "다른 주소로 안내했습니다, 응답 번호 302"),
        ("huge", "too_large", None, "기관의 응답이 1 MB를 넘어 받지 않았습니다"),
        ("dropped", "network", None, "통신 중에 연결이 끊기거나 응답이 깨져"),
    ],
)
def test_each_answer_of_a_failing_authority_has_its_cause_in_korean(
    authority: Authority, mode: str, cause: str, status: int | None, korean: str
) -> None:
    authority.mode = mode
    error = _unavailable(lambda: request_timestamp(authority.url, QUERY, timeout=10))
    assert error.params["cause"] == cause and error.params.get("status") == status
    assert authority.posts == 1  # the redirect was not followed
    ko = error.message("ko")
    assert korean in ko and latin_words(ko) == set(), ko
    assert "HTTP" not in ko and "Error" not in ko


def test_an_authority_that_never_answers_is_a_timeout(authority: Authority) -> None:
    authority.mode = "hang"
    error = _unavailable(lambda: request_timestamp(authority.url, QUERY, timeout=0.3))
    assert error.params == {"cause": "timeout"}
    assert "기관이 정해진 시간 안에 답하지 않았습니다" in error.message("ko")
    assert "the authority did not answer in time" in error.message("en")


def test_nothing_listening_and_no_tls_are_their_own_causes(authority: Authority) -> None:
    refused = _unavailable(lambda: request_timestamp(f"http://127.0.0.1:{closed_port()}/tsa", QUERY))
    assert refused.params == {"cause": "connection"}
    assert "기관에 연결할 수 없었습니다. 인터넷 연결과 주소를 확인해 주세요" in refused.message("ko")
    # https:// to a server that speaks plain HTTP: the TLS handshake fails
    tls = _unavailable(lambda: request_timestamp(authority.url.replace("http://", "https://"), QUERY))
    assert tls.params == {"cause": "tls"}
    ko = tls.message("ko")
    assert "보안 연결을 확인할 수 없었습니다" in ko and latin_words(ko) == set(), ko


@pytest.mark.parametrize("url", ["http://[::1/tsa", "http://127.0.0.1:port/tsa", "ftp://127.0.0.1/tsa"])
def test_an_address_that_cannot_be_used_is_said_so_before_anything_is_sent(url: str) -> None:
    with pytest.raises(TimestampUrlInvalid) as caught:
        request_timestamp(url, QUERY)
    assert caught.value.params == {"url": url}


def test_every_cause_has_words_in_both_languages_and_korean_without_english() -> None:
    from victim_desk.i18n import _catalogue

    causes = sorted(k.rsplit(".", 1)[1] for k in _catalogue() if k.startswith("timestamp.cause."))
    assert causes == ["connection", "http_status", "moved", "network", "timeout", "tls", "too_large"]
    for cause in causes:
        error = TimestampUnavailable(cause=cause, status=500, max_mb=1)
        ko, en = error.message("ko"), error.message("en")
        assert latin_words(ko) == set(), ko
        assert error.reason("en") in en and error.reason("ko") in ko


def test_the_cli_says_why_in_korean(ready_cli: Any, authority: Authority, tmp_path: Any) -> None:
    assert ready_cli("case", "add", "--title", "타임스탬프 사건").returncode == 0
    out = tmp_path / "package.zip"
    base = ("--lang", "ko", "export", "--case", "1", "-o", str(out), "--allow-network-once")
    authority.mode = "503"
    failed = ready_cli(*base, "--timestamp", authority.url)
    assert failed.returncode != 0 and authority.posts == 1
    said = "시점확인 기관에서 타임스탬프를 받지 못했습니다"
    said += "(기관 서버가 요청을 처리하지 않았습니다, 응답 번호 503)"
    assert said in failed.stderr
    assert "HTTP" not in failed.stderr and not out.exists()
    refused = ready_cli(*base, "--timestamp", f"http://127.0.0.1:{closed_port()}/tsa")
    assert refused.returncode != 0
    assert "(기관에 연결할 수 없었습니다. 인터넷 연결과 주소를 확인해 주세요)" in refused.stderr
    assert "ConnectionError" not in refused.stderr and not out.exists()
