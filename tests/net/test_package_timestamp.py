"""RFC 3161 timestamps on evidence packages, against a real timestamping authority run with `openssl ts`
on 127.0.0.1 (a test CA and a TSA certificate made here), checked afterwards with `openssl ts -verify`."""

from __future__ import annotations

import subprocess
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from victim_desk.app.packages import verify
from victim_desk.errors import (
    NetworkConsentNeeded,
    NetworkNeverAllowed,
    TimestampRejected,
    TimestampUnavailable,
)

_TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ v3_tsa ]
basicConstraints = CA:FALSE
extendedKeyUsage = critical, timeStamping
keyUsage = critical, digitalSignature
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def authority(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A TSA on 127.0.0.1 that answers with `openssl ts -reply`; `mode` can make it misbehave."""
    d = tmp_path / "tsa"
    d.mkdir()
    (d / "serial").write_text("01\n")
    (d / "tsa.cnf").write_text(_TSA_CONFIG.format(dir=d))
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
             "-days", "30", "-subj", "/CN=Test Root CA", cwd=d)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
             "-subj", "/CN=Loopback Test TSA", cwd=d)  # fmt: skip
    _openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "tsa.crt", "-days", "30", "-extfile", "tsa.cnf", "-extensions", "v3_tsa",
             cwd=d)  # fmt: skip
    state: dict[str, Any] = {"mode": "good", "queries": 0, "dir": d}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with lock:
                state["queries"] += 1
                (d / "q.tsq").write_bytes(body)
                if state["mode"] == "error":
                    self.send_response(503)
                    self.end_headers()
                    return
                query = "other.tsq" if state["mode"] == "other_data" else "q.tsq"
                if query == "other.tsq":
                    (d / "other.bin").write_bytes(b"not the package's SHA256SUMS at all")
                    _openssl(
                        "ts", "-query", "-data", "other.bin", "-sha256", "-cert", "-out", "other.tsq", cwd=d
                    )
                _openssl("ts", "-reply", "-config", "tsa.cnf", "-queryfile", query, "-inkey", "tsa.key",
                         "-signer", "tsa.crt", "-out", "r.tsr", cwd=d)  # fmt: skip
                answer = (d / "r.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def case(desk: Any) -> int:
    case_id = desk.cases.add("timestamped case")
    desk.sightings.add(case_id, "https://t.me/somewhere/77")
    return case_id


def test_timestamp_is_included_and_verifies_with_openssl(desk: Any, case: int, authority: dict[str, Any],
                                                          tmp_path: Path) -> None:  # fmt: skip
    desk.rechecks.set_consent("allowed")
    out = tmp_path / "ts.zip"
    result = desk.packages.export(case, out, lang="en", timestamp_url=authority["url"])
    assert result.timestamp is not None and "Loopback Test TSA" in result.timestamp.tsa
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as z:
        z.extractall(unpacked)
    checked = subprocess.run(
        ["openssl", "ts", "-verify", "-data", "SHA256SUMS", "-in", "SHA256SUMS.tsr", "-CAfile",
         str(authority["dir"] / "ca.crt")], cwd=unpacked, capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0 and "Verification: OK" in checked.stdout, checked.stderr
    report = verify(out)
    assert report.ok, report.findings
    assert report.timestamp is not None and report.timestamp.gen_time == result.timestamp.gen_time
    # a token whose signature was touched (its last bytes are the TSA's signature) no longer holds
    with zipfile.ZipFile(out) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    touched = tmp_path / "touched.zip"
    with zipfile.ZipFile(touched, "w") as z:
        for name, data in members.items():
            z.writestr(
                name, data[:-3] + bytes([data[-3] ^ 1]) + data[-2:] if name == "SHA256SUMS.tsr" else data
            )
    assert {(f.member, f.check) for f in verify(touched).findings} == {
        ("SHA256SUMS.tsr", "timestamp_signature_invalid")
    }
    # a token moved onto another package's sums no longer holds
    with zipfile.ZipFile(out) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    other = tmp_path / "other.zip"
    desk.sightings.add(case, "https://t.me/somewhere/78")
    desk.packages.export(case, other, lang="en")
    with zipfile.ZipFile(other, "a") as z:
        z.writestr("SHA256SUMS.tsr", members["SHA256SUMS.tsr"])
    assert {(f.member, f.check) for f in verify(other).findings} == {
        ("SHA256SUMS.tsr", "timestamp_imprint_mismatch")
    }


def test_consent_is_required_before_anything_is_sent(desk: Any, case: int, authority: dict[str, Any],
                                                     tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "refused.zip"
    with pytest.raises(NetworkConsentNeeded):
        desk.packages.export(case, out, lang="en", timestamp_url=authority["url"])
    desk.rechecks.set_consent("never")
    with pytest.raises(NetworkNeverAllowed):
        desk.packages.export(case, out, lang="en", timestamp_url=authority["url"], allow_network_once=True)
    assert authority["queries"] == 0 and not out.exists()
    desk.rechecks.set_consent("ask")
    desk.packages.export(case, out, lang="en", timestamp_url=authority["url"], allow_network_once=True)
    assert authority["queries"] == 1 and verify(out).timestamp is not None


def test_a_failing_or_wrong_authority_leaves_no_package(desk: Any, case: int, authority: dict[str, Any],
                                                        tmp_path: Path) -> None:  # fmt: skip
    desk.rechecks.set_consent("allowed")
    out = tmp_path / "none.zip"
    authority["mode"] = "error"
    with pytest.raises(TimestampUnavailable) as unavailable:
        desk.packages.export(case, out, lang="en", timestamp_url=authority["url"])
    assert unavailable.value.params == {"cause": "http_status", "status": 503}
    authority["mode"] = "other_data"
    with pytest.raises(TimestampRejected) as rejected:
        desk.packages.export(case, out, lang="en", timestamp_url=authority["url"])
    assert rejected.value.params == {"problem": "imprint_mismatch"}
    assert "(응답이 이 패키지의 내용에 대한 것이 아닙니다)" in rejected.value.message("ko")
    assert "imprint" not in rejected.value.message("ko")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".none", "none"))) == []
