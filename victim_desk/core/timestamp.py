"""RFC 3161 trusted timestamps over a package's SHA256SUMS: the request, and the checks of the answer.

A timestamping authority (TSA) signs "this hash existed at this time"; a court can rely on that without
trusting this app or the computer's clock. The token is kept as the TSA's whole response
(`SHA256SUMS.tsr`), the form `openssl ts -verify -data SHA256SUMS -in SHA256SUMS.tsr -CAfile CA.pem`
reads. Here we check what can be checked without knowing which authorities the recipient trusts: the
answer was granted, it covers exactly these bytes (SHA-256 imprint), it answers our nonce, and its CMS
signature is valid for the certificate it carries. Whether that certificate belongs to a trusted TSA is
the recipient's call (`openssl ts -verify` with the TSA's CA), and the report says so.

Pure: builds and reads bytes; sending the request is `net/`'s job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_HASHES = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


class TimestampProblem(ValueError):
    """What is wrong with a timestamp answer: `kind` is one of not_granted, malformed, imprint_mismatch,
    nonce_mismatch, signature_invalid."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class TimestampInfo:
    gen_time: datetime
    tsa: str  # the signer certificate's subject (or the TSA name in the token), for people to read
    serial: int
    policy: str


def request_for(data: bytes, nonce: int) -> bytes:
    """A DER TimeStampReq for SHA-256(data), asking for the TSA's certificate in the answer."""
    from asn1crypto import tsp

    req = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(data).digest(),
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    return bytes(req.dump())


def check_response(response: bytes, data: bytes, nonce: int | None = None) -> TimestampInfo:
    """Check a TimeStampResp over `data`; raises `TimestampProblem` saying what does not hold."""
    from asn1crypto import tsp

    try:
        resp = tsp.TimeStampResp.load(response)
        status = resp["status"]["status"].native
    except Exception as exc:  # asn1crypto raises many kinds for bad DER
        raise TimestampProblem("malformed", type(exc).__name__) from None
    if status not in ("granted", "granted_with_mods"):
        raise TimestampProblem("not_granted", str(status))
    try:
        token = resp["time_stamp_token"]
        signed = token["content"]
        tst = signed["encap_content_info"]["content"].parsed
        imprint = tst["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        hashed = imprint["hashed_message"].native
        info = TimestampInfo(
            gen_time=tst["gen_time"].native,
            tsa=_tsa_name(signed, tst),
            serial=int(tst["serial_number"].native),
            policy=str(tst["policy"].native),
        )
        token_nonce = tst["nonce"].native
    except Exception as exc:
        raise TimestampProblem("malformed", type(exc).__name__) from None
    digest = _HASHES.get(algorithm)
    if digest is None or digest(data).digest() != hashed:
        raise TimestampProblem("imprint_mismatch")
    if nonce is not None and token_nonce != nonce:
        raise TimestampProblem("nonce_mismatch")
    _check_signature(signed)
    return info


def _tsa_name(signed: Any, tst: Any) -> str:
    cert = _signer_cert(signed)
    if cert is not None:
        return str(cert.subject.human_friendly)
    tsa = tst["tsa"]
    return str(tsa.native) if tsa.native is not None else ""


def _signer_cert(signed: Any) -> Any:
    certs = signed["certificates"]
    if not certs:
        return None
    sid = signed["signer_infos"][0]["sid"]
    for choice in certs:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if cert.issuer == wanted["issuer"] and cert.serial_number == wanted["serial_number"].native:
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _check_signature(signed: Any) -> None:
    """The CMS signature over the signed attributes, whose message digest must cover the TSTInfo."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    try:
        signer = signed["signer_infos"][0]
        algorithm = signer["digest_algorithm"]["algorithm"].native
        content = signed["encap_content_info"]["content"].contents
        attrs = signer["signed_attrs"]
        digest_attr = next(a for a in attrs if a["type"].native == "message_digest")
        expected = digest_attr["values"][0].native
        cert = _signer_cert(signed)
    except Exception as exc:
        raise TimestampProblem("malformed", type(exc).__name__) from None
    digest = _HASHES.get(algorithm)
    if cert is None or digest is None or digest(content).digest() != expected:
        raise TimestampProblem("signature_invalid")
    # The signature covers the DER of the attributes as a SET (tag 0x31), not as the [0] it is sent as.
    to_check = b"\x31" + attrs.dump()[1:]
    chosen = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[algorithm]
    key = x509.load_der_x509_certificate(cert.dump()).public_key()
    signature = signer["signature"].native
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, to_check, padding.PKCS1v15(), chosen)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, to_check, ec.ECDSA(chosen))
        else:
            raise TimestampProblem("signature_invalid", "unsupported key")
    except InvalidSignature:
        raise TimestampProblem("signature_invalid") from None
