"""Real files carrying provenance, made the way generators and web UIs write them (helpers, not fixtures).

C2PA manifests are signed here with `c2pa-python` and a throw-away ES256 certificate chain (a root CA and an
end-entity certificate with digitalSignature and emailProtection, as the C2PA certificate profile asks);
XMP packets carry the IPTC digital source type; PNG text chunks are written with Pillow's PngInfo exactly
as AUTOMATIC1111 (`parameters`) and ComfyUI (`prompt`, `workflow`) write them.
"""

from __future__ import annotations

import datetime
import io
import json
import struct
import zlib
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

FIXTURES = Path(__file__).parent / "fixtures"

PROMPT = "a photo of a red kayak on a mountain lake, golden hour"
NEGATIVE = "blurry, lowres, watermark"
A1111 = (
    f"{PROMPT}\nNegative prompt: {NEGATIVE}\n"
    "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 3141592653, Size: 512x512, "
    'Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Lora hashes: "kayak: 1234abcd", Version: v1.9.4'
)
COMFY_PROMPT = {
    "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}},
    "6": {"class_type": "CLIPTextEncode", "inputs": {"text": PROMPT, "clip": ["4", 1]}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": NEGATIVE, "clip": ["4", 1]}},
    "3": {
        "class_type": "KSampler",
        "inputs": {"seed": 271828182, "steps": 20, "cfg": 8, "sampler_name": "euler", "scheduler": "normal",
                   "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]},
    },
}  # fmt: skip
COMFY_WORKFLOW = {
    "last_node_id": 9,
    "nodes": [{"id": 4, "type": "CheckpointLoaderSimple", "widgets_values": ["sd_xl_base_1.0.safetensors"]}],
}

SOURCE_TYPE_URL = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def picture(seed: int = 7, size: tuple[int, int] = (320, 240)) -> Image.Image:
    """A photo-like picture (smooth noise), different for every seed."""
    rng = np.random.default_rng(seed)
    w, h = size
    small = rng.integers(0, 256, (h // 16 + 1, w // 16 + 1, 3), dtype=np.uint8)
    return Image.fromarray(small).resize(size, Image.Resampling.BICUBIC)


def jpeg_bytes(img: Image.Image | None = None, **save: object) -> bytes:
    buf = io.BytesIO()
    (img or picture()).save(buf, "JPEG", quality=90, **save)
    return buf.getvalue()


def png_bytes(img: Image.Image | None = None, info: PngInfo | None = None) -> bytes:
    buf = io.BytesIO()
    (img or picture()).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


# --- XMP -------------------------------------------------------------------------------------------------


def xmp_packet(source_type: str | None = None, *, as_element: bool = False, extra: str = "") -> bytes:
    """An XMP packet as Photoshop/Firefly write it; the source type as attribute or element."""
    attr = ""
    element = ""
    if source_type is not None:
        if as_element:
            tag = "Iptc4xmpExt:DigitalSourceType"
            element = f"<{tag}>{SOURCE_TYPE_URL}{source_type}</{tag}>"
        else:
            attr = f' Iptc4xmpExt:DigitalSourceType="{SOURCE_TYPE_URL}{source_type}"'
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dcterms="http://purl.org/dc/terms/"'
        f' xmp:CreatorTool="Example Editor 2.1"{attr}>{element}{extra}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_with_chunks(chunks: list[bytes], img: Image.Image | None = None) -> bytes:
    """A PNG with `chunks` inserted right after IHDR."""
    data = png_bytes(img)
    ihdr_end = 8 + 8 + 13 + 4
    return data[:ihdr_end] + b"".join(chunks) + data[ihdr_end:]


def itxt(keyword: str, text: bytes, *, compressed: bool = False) -> bytes:
    body = zlib.compress(text) if compressed else text
    return png_chunk(
        b"iTXt", keyword.encode("latin-1") + b"\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + body
    )


def jpeg_with_segment(marker: int, payload: bytes, img: Image.Image | None = None) -> bytes:
    data = jpeg_bytes(img)
    return data[:2] + b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload + data[2:]


# --- C2PA -----------------------------------------------------------------------------------------------


@cache
def signing_chain() -> tuple[bytes, bytes]:
    """(certificate chain PEM: end-entity then root, private key PEM) for ES256 test signing."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=3650)

    def usage(sign: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=sign, content_commitment=False, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=not sign,
                             crl_sign=not sign, encipher_only=False, decipher_only=False)  # fmt: skip

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Root CA"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Root")])  # fmt: skip
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage(False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Generator Signer"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example AI Lab")])  # fmt: skip
    leaf = (
        x509.CertificateBuilder().subject_name(name).issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    chain = leaf.public_bytes(pem) + ca.public_bytes(pem)
    private = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return chain, private


def manifest(source_type: str = "trainedAlgorithmicMedia") -> dict:
    return {
        "claim_generator_info": [{"name": "Example Generator", "version": "1.0"}],
        "title": "generated",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": SOURCE_TYPE_URL + source_type,
                            "softwareAgent": {"name": "Example Image Model"},
                        }
                    ]
                },
            }
        ],
    }


def _signer():  # type: ignore[no-untyped-def]
    import c2pa

    chain, key = signing_chain()
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"es256", chain, key, None))


def c2pa_signed(source: bytes, mime: str, definition: dict | None = None) -> bytes:
    """`source` with an embedded C2PA manifest store signed by the test chain."""
    import c2pa

    out = io.BytesIO()
    with c2pa.Builder(definition or manifest()) as builder:
        builder.sign(_signer(), mime, io.BytesIO(source), out)
    return out.getvalue()


def c2pa_remote(source: bytes, mime: str, url: str) -> bytes:
    """`source` pointing to a manifest store kept at `url` (not embedded)."""
    import c2pa

    out = io.BytesIO()
    with c2pa.Builder(manifest()) as builder:
        builder.set_no_embed()
        builder.set_remote_url(url)
        builder.sign(_signer(), mime, io.BytesIO(source), out)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def a1111_png() -> bytes:
    info = PngInfo()
    info.add_text("parameters", A1111)
    return png_bytes(picture(11), info)


def comfyui_png() -> bytes:
    info = PngInfo()
    info.add_text("prompt", json.dumps(COMFY_PROMPT))
    info.add_text("workflow", json.dumps(COMFY_WORKFLOW))
    return png_bytes(picture(12), info)
