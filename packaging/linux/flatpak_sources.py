"""`python packaging/linux/flatpak_sources.py`: the Flatpak's Python sources, generated from the lock.

flatpak-builder builds without network, so every wheel the app needs must be listed in the manifest as a
source with its URL and sha256 (what flatpak-pip-generator does from a package list). This does it from
packaging/requirements.lock instead, so the Flatpak carries exactly the pinned versions the PyInstaller
bundle carries, checked by the same hashes twice: flatpak-builder checks each download against its sha256,
then pip installs them with `--require-hashes -r requirements.lock`.

For every package whose marker holds on the Flatpak runtime (Linux, the runtime's CPython), it picks the
wheel PyPI has for that exact pinned version and hash — one per CPU architecture when the wheel is
architecture-specific (`only-arches`). Writes packaging/linux/python3-requirements.json. Needs the
`packaging` library (in the developers' venv) and PyPI's simple index (one request per package).
"""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import Marker
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

HERE = Path(__file__).resolve().parent
LOCKS = (HERE.parent / "requirements.lock", HERE.parent / "build-requirements.lock")
OUTPUT = HERE / "python3-requirements.json"
# org.freedesktop.Platform 24.08: CPython 3.12 on glibc 2.40.
PYTHON = (3, 12)
GLIBC = (2, 40)
ARCHES = {"x86_64": "x86_64", "aarch64": "aarch64"}  # Flatpak arch -> wheel platform arch
# From the build lock, only what builds and installs the app's own wheel inside the sandbox.
BUILD_TOOLS = {"setuptools", "wheel"}
INDEX = "https://pypi.org/simple"


@dataclass
class Pin:
    name: str
    version: str
    marker: str
    hashes: set[str] = field(default_factory=set)


def read_lock(path: Path) -> list[Pin]:
    pins: list[Pin] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().rstrip("\\").strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash=sha256:"):
            pins[-1].hashes.add(line.split(":", 1)[1])
        elif "==" in line and not raw.startswith(" "):
            requirement, _, marker = line.partition(";")
            name, _, version = requirement.partition("==")
            pins.append(Pin(canonicalize_name(name), version.strip(), marker.strip()))
    return pins


def environment(arch: str) -> dict[str, str]:
    major, minor = PYTHON
    return {
        "python_version": f"{major}.{minor}",
        "python_full_version": f"{major}.{minor}.0",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": arch,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }


def supported_tags(arch: str) -> list[Tag]:
    """Most specific first, as pip ranks them: cp312 manylinux, abi3, then pure Python."""
    platforms = [f"manylinux_{GLIBC[0]}_{minor}_{arch}" for minor in range(GLIBC[1], 16, -1)]
    platforms += [f"manylinux2014_{arch}", f"linux_{arch}"]
    return [*cpython_tags(PYTHON, platforms=platforms), *compatible_tags(PYTHON, platforms=platforms)]


def index_files(name: str) -> list[dict[str, object]]:
    request = urllib.request.Request(
        f"{INDEX}/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        files: list[dict[str, object]] = json.load(response)["files"]
    return files


def best_wheel(pin: Pin, files: list[dict[str, object]], arch: str) -> dict[str, str] | None:
    ranks = {tag: i for i, tag in enumerate(supported_tags(arch))}
    best: tuple[int, dict[str, str]] | None = None
    for f in files:
        filename = str(f["filename"])
        if not filename.endswith(".whl"):
            continue
        _, version, _, tags = parse_wheel_filename(filename)
        sha = dict(f["hashes"]).get("sha256")  # type: ignore[call-overload]
        if str(version) != pin.version or sha not in pin.hashes:
            continue
        rank = min((ranks[t] for t in tags if t in ranks), default=None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, {"filename": filename, "url": str(f["url"]), "sha256": str(sha)})
    return best[1] if best else None


def sources() -> list[dict[str, object]]:
    pins = [p for p in read_lock(LOCKS[0])] + [p for p in read_lock(LOCKS[1]) if p.name in BUILD_TOOLS]
    out: list[dict[str, object]] = []
    for pin in pins:
        wanted = [a for a in ARCHES if not pin.marker or Marker(pin.marker).evaluate(environment(a))]
        if not wanted:
            continue
        files = index_files(pin.name)
        chosen = {arch: best_wheel(pin, files, ARCHES[arch]) for arch in wanted}
        missing = [arch for arch, wheel in chosen.items() if wheel is None]
        if missing:
            raise SystemExit(f"no wheel of {pin.name}=={pin.version} for CPython {PYTHON} on {missing}")
        by_file: dict[str, list[str]] = {}
        for arch, wheel in chosen.items():
            assert wheel is not None
            by_file.setdefault(wheel["filename"], []).append(arch)
        for filename, arches in sorted(by_file.items()):
            wheel = next(w for w in chosen.values() if w and w["filename"] == filename)
            source: dict[str, object] = {"type": "file", "url": wheel["url"], "sha256": wheel["sha256"]}
            if sorted(arches) != sorted(ARCHES):
                source["only-arches"] = sorted(arches)
            out.append(source)
    return out


def module() -> dict[str, object]:
    return {
        "name": "python3-requirements",
        "buildsystem": "simple",
        "build-commands": [
            # The same lock, the same hashes: pip refuses a file whose hash the lock does not list.
            'pip3 install --no-index --find-links="file://${PWD}" --prefix=${FLATPAK_DEST} --no-deps '
            "--require-hashes --no-build-isolation -r requirements.lock",
            'pip3 install --no-index --find-links="file://${PWD}" --prefix=${FLATPAK_DEST} --no-deps '
            "setuptools wheel",
        ],
        "sources": [{"type": "file", "path": "../requirements.lock"}, *sources()],
    }


def main() -> int:
    data = module()
    OUTPUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    wheels = len(data["sources"]) - 1  # type: ignore[arg-type]
    print(f"{OUTPUT.relative_to(HERE.parent.parent)}: {wheels} wheels with sha256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
