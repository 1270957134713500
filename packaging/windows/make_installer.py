"""`python packaging\\windows\\make_installer.py` (Windows): the installer dist\\MemoPad-Setup-<v>.exe.

Runs Inno Setup's compiler on packaging\\windows\\victim-desk.iss with the names and version defined in the
app itself (victim_desk/identity.py, victim_desk/__init__.py), so the Start-menu entry, the uninstaller's
name and the window title cannot drift apart. Build the bundle first with `python packaging\\build.py`.

Signing: set VICTIM_DESK_SIGNTOOL to the signing command with `$f` for the file, e.g.
`signtool sign /fd sha256 /tr http://timestamp.example /td sha256 /n "Certificate name" $f` (your
certificate's subject and your CA's timestamp server). Both programs in the bundle are signed first, then
Inno Setup signs the installer and the uninstaller with the same command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from victim_desk import __version__  # noqa: E402
from victim_desk.identity import CLI_EXECUTABLE, DISPLAY_NAME, GUI_EXECUTABLE  # noqa: E402


def iscc() -> str:
    found = shutil.which("ISCC") or shutil.which("iscc")
    default = (
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    )
    if found:
        return found
    if default.is_file():
        return str(default)
    raise SystemExit(
        "Inno Setup 6 is needed: https://jrsoftware.org/isinfo.php (or `winget install JRSoftware.InnoSetup`)"
    )


def main() -> int:
    bundle = ROOT / "dist" / CLI_EXECUTABLE
    for exe in (CLI_EXECUTABLE, GUI_EXECUTABLE):
        if not (bundle / f"{exe}.exe").is_file():
            raise SystemExit(f"{bundle / (exe + '.exe')} is missing: run `python packaging\\build.py` first")
    defines = [f"/DDisplayName={DISPLAY_NAME}", f"/DGuiExe={GUI_EXECUTABLE}", f"/DCliExe={CLI_EXECUTABLE}",
               f"/DAppVersion={__version__}"]  # fmt: skip
    sign = os.environ.get("VICTIM_DESK_SIGNTOOL")
    if sign:
        for exe in (CLI_EXECUTABLE, GUI_EXECUTABLE):
            subprocess.run(sign.replace("$f", f'"{bundle / (exe + ".exe")}"'), check=True, shell=True)
        defines += [f"/Ssigntool={sign}", "/DSignToolName=signtool"]
    subprocess.run([iscc(), *defines, str(HERE / "victim-desk.iss")], check=True)
    print(f"dist\\{GUI_EXECUTABLE}-Setup-{__version__}.exe")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
