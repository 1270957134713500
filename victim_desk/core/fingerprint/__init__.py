"""Fingerprints of pictures and videos: what the vault keeps instead of the material itself.

The public surface is re-exported here; the modules behind it are decode (safe opening), image, video,
hashing (PDQ, pHash, robust signature), files (single and batch entry points), preview (blurred thumbnails)
and the matching side (pdq, robust, index, hashlist, matching).
"""

from victim_desk.core.fingerprint.files import fingerprint_file, fingerprint_files
from victim_desk.core.fingerprint.preview import blurred_preview
from victim_desk.core.fingerprint.types import Fingerprint, FrameHash

__all__ = ["Fingerprint", "FrameHash", "blurred_preview", "fingerprint_file", "fingerprint_files"]
