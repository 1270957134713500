"""The installer recipes in packaging/ say what they should, checked offline on every run: the Linux launcher
and AppStream files pass their validators, the Flatpak manifest and its generated sources are complete
and pinned to the lock's hashes, the locks carry hashes for every pin, every recipe shows the same
neutral name (victim_desk/identity.py), the Windows uninstaller keeps the vault unless asked, and the
macOS entitlements relax nothing."""

from __future__ import annotations

import ast
import configparser
import json
import plistlib
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from packaging.markers import Marker
from packaging.utils import canonicalize_name, parse_wheel_filename

from tests.conftest import REPO
from victim_desk import identity

PKG = REPO / "packaging"
LINUX = PKG / "linux"
MANIFEST = LINUX / f"{identity.APP_ID}.yml"
LOCK = PKG / "requirements.lock"
BUILD_LOCK = PKG / "build-requirements.lock"


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed (Debian: apt-get install desktop-file-utils appstream)"
    return found


def read_lock(path: Path) -> dict[str, tuple[str, str, set[str]]]:
    """name -> (version, marker, hashes); a name pinned twice (two Python forks) keys as name@marker."""
    pins: dict[str, tuple[str, str, set[str]]] = {}
    last = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().rstrip("\\").strip()
        if line.startswith("--hash=sha256:"):
            pins[last][2].add(line.split(":", 1)[1])
        elif "==" in line and not raw.startswith((" ", "#")):
            requirement, _, marker = line.partition(";")
            name, _, version = requirement.partition("==")
            last = canonicalize_name(name) + ("@" + marker.strip() if marker.strip() else "")
            pins[last] = (version.strip(), marker.strip(), set())
    return pins


# --- Linux launcher and AppStream ---------------------------------------------------------------------------


def test_desktop_entry_validates_and_shows_the_neutral_name() -> None:
    path = LINUX / "victim-desk.desktop"
    result = subprocess.run([tool("desktop-file-validate"), str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == identity.DISPLAY_NAME
    assert desktop["Name[ko]"] == identity.DISPLAY_NAMES["ko"]
    assert desktop["Exec"] == identity.CLI_EXECUTABLE
    shown = " ".join(v for k, v in desktop.items() if k.startswith(("Name", "GenericName", "Comment")))
    for word in ("victim", "피해", "deepfake", "intimate", "촬영물", "abuse"):
        assert word not in shown.lower(), word


def test_appstream_metadata_validates_and_matches_the_identity() -> None:
    path = LINUX / "victim-desk.metainfo.xml"
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(path).getroot()
    assert root.findtext("id") == identity.APP_ID
    assert root.findtext("name") == identity.DISPLAY_NAME
    assert root.findtext("launchable") == "victim-desk.desktop"
    assert root.find("releases/release").get("version") == _version()  # type: ignore[union-attr]


def _version() -> str:
    from victim_desk import __version__

    return __version__


# --- Flatpak ------------------------------------------------------------------------------------------------


def test_flatpak_manifest_has_what_flatpak_builder_needs_and_no_network() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for key in ("app-id", "runtime", "runtime-version", "sdk", "command", "finish-args", "modules"):
        assert manifest.get(key), key
    assert manifest["app-id"] == identity.APP_ID
    assert manifest["command"] == identity.CLI_EXECUTABLE
    args = manifest["finish-args"]
    assert "--talk-name=org.freedesktop.secrets" in args  # vault remember: keyring's Secret Service
    assert not any(a.startswith("--share=network") for a in args)
    assert not any(a in ("--filesystem=home", "--filesystem=host") for a in args)
    modules = manifest["modules"]
    assert "python3-requirements.json" in modules
    app = next(m for m in modules if isinstance(m, dict) and m["name"] == "victim-desk")
    assert any("--no-index" in c and "--no-deps" in c for c in app["build-commands"])
    assert all(s["type"] in ("dir", "git") for s in app["sources"])
    for source in app["sources"]:
        if source["type"] == "git":
            assert re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")), source


def test_flatpak_sources_are_the_locks_wheels_for_every_linux_package_and_architecture() -> None:
    module = json.loads((LINUX / "python3-requirements.json").read_text(encoding="utf-8"))
    assert any("--require-hashes" in c and "requirements.lock" in c for c in module["build-commands"])
    files = [s for s in module["sources"] if "url" in s]
    assert module["sources"][0] == {"type": "file", "path": "../requirements.lock"}
    pins = read_lock(LOCK)
    build_pins = read_lock(BUILD_LOCK)
    wheels: dict[tuple[str, str], list[str]] = {}
    for source in files:
        assert source["type"] == "file" and re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source
        assert source["url"].startswith("https://files.pythonhosted.org/"), source["url"]
        filename = source["url"].rsplit("/", 1)[1]
        name, version, _, _ = parse_wheel_filename(filename)
        known = [
            p
            for key, p in {**pins, **build_pins}.items()
            if key.split("@")[0] == name and p[0] == str(version)
        ]
        assert known and source["sha256"] in known[0][2], f"{filename} is not in the lock (regenerate)"
        for arch in source.get("only-arches", ["x86_64", "aarch64"]):
            wheels.setdefault((name, arch), []).append(filename)
    for arch in ("x86_64", "aarch64"):
        env = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
               "platform_machine": arch, "python_version": "3.12", "python_full_version": "3.12.0",
               "implementation_name": "cpython", "platform_python_implementation": "CPython"}  # fmt: skip
        for key, (_, marker, _) in pins.items():
            if not marker or Marker(marker).evaluate(env):
                found = wheels.get((key.split("@")[0], arch), [])
                assert len(found) == 1, f"{key} on {arch}: run python packaging/linux/flatpak_sources.py"


# --- the locks ----------------------------------------------------------------------------------------------


def test_locks_pin_every_dependency_with_hashes_and_say_how_to_regenerate() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = read_lock(LOCK)
    names = {key.split("@")[0] for key in pins}
    for requirement in project["dependencies"]:
        name = canonicalize_name(re.split(r"[<>=;\[ ]", requirement, maxsplit=1)[0])
        assert name in names, f"{name} is in pyproject.toml but not in the lock: run python packaging/lock.py"
    for lock in (LOCK, BUILD_LOCK):
        assert "python packaging/lock.py" in lock.read_text(encoding="utf-8")[:300]
        for key, (version, _, hashes) in read_lock(lock).items():
            assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), key
            assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), key
    assert "pyinstaller" in {k.split("@")[0] for k in read_lock(BUILD_LOCK)}


# --- PyInstaller spec ---------------------------------------------------------------------------------------


def test_spec_excludes_the_qt_modules_the_app_never_imports_and_only_those() -> None:
    spec = (PKG / "victim-desk.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    unused = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "qt_unused"
    )
    for module in ("QtWebEngineCore", "Qt3DCore", "QtQml", "QtQuick", "QtMultimedia", "QtNetwork"):
        assert module in unused, module
    used: set[str] = set()
    for path in (REPO / "victim_desk").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used and not used & set(unused), used & set(unused)
    assert "victim_desk.resources" in spec and '"**/*.ts"' in spec  # resources via the package, .ts left out


# --- the neutral name everywhere ----------------------------------------------------------------------------


def test_windows_recipe_uses_the_neutral_name_and_keeps_the_vault_unless_asked() -> None:
    iss = (PKG / "windows" / "victim-desk.iss").read_text(encoding="utf-8")
    defaults = dict(re.findall(r'#define (\w+) "([^"]*)"', iss))
    assert defaults["DisplayName"] == identity.DISPLAY_NAME
    assert defaults["GuiExe"] == identity.GUI_EXECUTABLE
    assert defaults["CliExe"] == identity.CLI_EXECUTABLE
    assert 'Name: "{autoprograms}\\{#DisplayName}"; Filename: "{app}\\{#GuiExe}.exe"' in iss
    assert "PrivilegesRequired=lowest" in iss
    code = iss.split("[Code]", 1)[1]
    # The only deletion of the data folder is behind the question (default No) or /DELETEVAULT.
    assert code.count("DelTree(") == 1
    assert "MB_YESNO or MB_DEFBUTTON2) = IDYES" in code and "'/DELETEVAULT'" in code
    assert "{localappdata}\\{#DataFolder}" in code and defaults["DataFolder"] == "victim-desk"
    assert "victim-desk\\vault" not in iss.split("[UninstallDelete]", 1)[1].split("[Code]")[0]


def test_macos_entitlements_relax_nothing_and_the_app_bundle_is_named_neutrally() -> None:
    entitlements = plistlib.loads((PKG / "macos" / "entitlements.plist").read_bytes())
    assert entitlements and not any(entitlements.values()), entitlements
    assert entitlements["com.apple.security.get-task-allow"] is False
    spec = (PKG / "victim-desk.spec").read_text(encoding="utf-8")
    assert 'name=f"{GUI_EXECUTABLE}.app"' in spec and '"CFBundleDisplayName": DISPLAY_NAME' in spec
    script = (PKG / "macos" / "make_dmg.sh").read_text(encoding="utf-8")
    for step in (
        "notarytool submit",
        "stapler staple",
        "flags=.*runtime",
        "hdiutil create",
        "codesign --verify",
    ):
        assert step in script, step


def test_the_default_names_are_neutral() -> None:
    from victim_desk.app.preferences import Preferences

    assert Preferences().title("en") == identity.DISPLAY_NAME
    for name in identity.DISPLAY_NAMES.values():
        assert "victim" not in name.lower() and "desk" not in name.lower() and "피해" not in name
