"""Screenshots of every screen of the desktop app, in Korean and English, at 100 % and 200 %: one command.

    .venv/bin/python docs/screenshots/make.py OUT_DIR [--scales 1 2] [--langs ko en] [--areas shell ...]

Builds sample vaults with synthetic data only (made-up cases and addresses, drawn shapes for pictures),
then grabs the shell's own scenes (unlock, first-run mode choice, settings, victim mode, counselor mode)
and every scene of every docs/screenshots/<area>.py present (each exposes `scenes()`: a list of
(name, function that takes an unlocked ShellWindow on the sample vault and returns the widget to grab)).
100 % is drawn on a 1366 x 768 screen and 200 % on a 1920 x 1080 one (Qt's offscreen platform, so no
display is needed; --platform xcb uses $DISPLAY instead). Each scale runs in its own process, because Qt
reads QT_SCALE_FACTOR once. PNGs are written as OUT_DIR/<area>-<scene>-<lang>-<scale>.png; they are not
committed (regenerate them with this command).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PASSPHRASE = "sample passphrase for screenshots"
SCREENS = {1: (1366, 768), 2: (1920, 1080)}  # the two sizes issue 13 names

Scene = tuple[str, Callable[[Any], Any]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2], choices=sorted(SCREENS))
    parser.add_argument("--langs", nargs="+", default=["ko", "en"], choices=["ko", "en"])
    parser.add_argument("--areas", nargs="+", help="only these areas (shell and the modules found here)")
    parser.add_argument("--platform", default="offscreen", help="offscreen (default) or xcb")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return grab_all(args.out, args.scales[0], args.langs, args.areas)
    status = 0
    for scale in args.scales:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, QT_SCALE_FACTOR=str(scale), VICTIM_DESK_KDF_TARGET_MS="50")
            env["VICTIM_DESK_CONFIG_DIR"] = str(Path(tmp) / "config")  # never the real preferences
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
            if args.platform == "offscreen":
                width, height = SCREENS[scale]
                config = Path(tmp) / "screen.json"
                config.write_text(
                    json.dumps(
                        {
                            "screens": [
                                {
                                    "name": "sample",
                                    "x": 0,
                                    "y": 0,
                                    "width": width,
                                    "height": height,
                                    "logicalDpi": 96,
                                    "dpr": 1,
                                }
                            ]
                        }
                    )
                )
                env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
            else:
                env["QT_QPA_PLATFORM"] = args.platform
            command = [sys.executable, __file__, str(args.out), "--child", "--scales", str(scale),
                       "--langs", *args.langs]  # fmt: skip
            if args.areas:
                command += ["--areas", *args.areas]
            status |= subprocess.run(command, env=env, check=False).returncode
    return status


# --- sample data (synthetic) ------------------------------------------------------------------------


def draw_picture(path: Path, seed: int) -> Path:
    """A made-up picture: coloured shapes on a gradient, different for each seed."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    base = np.linspace(40, 200, 320, dtype=np.uint8)
    image = Image.fromarray(np.dstack([np.tile(base, (240, 1))] * 3))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = (int(v) for v in rng.integers(0, 260, 2))
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        draw.ellipse((x, y % 200, x + 60, y % 200 + 40), fill=colour)
    image.save(path)
    return path


def build_sample_vault(path: Path, mode: str, work: Path) -> None:
    """A vault with made-up cases: one case in victim mode, four with different progress in counselor mode."""
    from victim_desk.app.requests import LetterSpec
    from victim_desk.desk import Desk

    with Desk.create(path, PASSPHRASE) as desk:
        desk.workplace.set_mode(mode)
        desk.profile.set("김하나", "hana@example.org")
        first = desk.cases.add("사례 A" if mode == "counselor" else "내 사건")
        for i in range(3):
            desk.sightings.add(first, f"https://t.me/sample_room/{101 + i}", seen="2026-11-20T10:00:00+09:00")
        desk.sightings.add(first, "https://blog.naver.com/sample-blog/2231", platform="naver",
                           seen="2026-11-21T21:30:00+09:00", note="예시 메모")  # fmt: skip
        pictures = [draw_picture(work / f"{mode}-{i}.png", i) for i in range(2)]
        list(desk.evidence.add(first, pictures, keep_preview=True))
        spec = LetterSpec("telegram", "KR", "ko", case_id=first, platform="telegram")
        desk.requests.letter(spec, work / f"{mode}-letter.pdf", force=True)
        if mode != "counselor":
            return
        second = desk.cases.add("사례 B")
        removed = desk.sightings.add(second, "https://x.com/sample_user/status/1850000000000000001")
        desk.sightings.set_status(removed.id, "removed")
        third = desk.cases.add("사례 C")
        desk.sightings.add(third, "https://www.reddit.com/r/sample/comments/abc123/")
        desk.cases.add("사례 D (새 사건)")


# --- grabbing -----------------------------------------------------------------------------------------


def area_modules(only: list[str] | None) -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for file in sorted(HERE.glob("*.py")):
        if file.stem == "make" or (only and file.stem not in only):
            continue
        spec = importlib.util.spec_from_file_location(f"screenshots_{file.stem}", file)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "scenes"):
            found[file.stem] = module
    return found


def settle(app: Any, shell: Any, timeout_s: float = 20.0) -> None:
    """Let queued work finish (jobs, layouts, deferred deletes) before a grab."""
    deadline = time.monotonic() + timeout_s
    for _ in range(5):
        app.processEvents()
    while shell is not None and shell.workers.busy and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def grab_all(out: Path, scale: int, langs: list[str], only: list[str] | None) -> int:
    from victim_desk.gui.app import create_application

    app = create_application("ko")
    with tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        return _grab_all(app, Path(tmp), out, scale, langs, only)


def _grab_all(app: Any, work: Path, out: Path, scale: int, langs: list[str], only: list[str] | None) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from victim_desk.desk import Desk
    from victim_desk.gui.settings.dialog import SettingsDialog, open_settings
    from victim_desk.gui.shell import ShellWindow
    from victim_desk.gui.translations import switch_language

    vaults = {mode: work / f"{mode}-vault" for mode in ("victim", "counselor")}
    for mode, path in vaults.items():
        build_sample_vault(path, mode, work)
    failures = 0

    def open_shell(path: Path, lang: str, unlock: bool = True) -> ShellWindow:
        shell = ShellWindow(path, lang, quit_app=lambda: None)  # type: ignore[arg-type]
        shell.show()
        if unlock:
            shell.on_desk_opened(Desk.open(path, PASSPHRASE))
            if shell.workspace is not None and shell.workspace.case_list.count():
                shell.workspace.case_list.setCurrentRow(0)
        settle(app, shell)
        return shell

    def close(shell: ShellWindow) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not shell:
                widget.close()
        shell.shut_down()
        shell.close()
        shell.deleteLater()
        settle(app, None)

    def save(widget: QWidget, area: str, name: str, lang: str) -> None:
        file = out / f"{area}-{name}-{lang}-{scale * 100}.png"
        widget.grab().save(str(file))
        print(file)

    def shell_scenes(lang: str) -> None:
        shell = open_shell(vaults["counselor"], lang, unlock=False)
        save(shell, "shell", "unlock", lang)
        open_settings(shell)
        settle(app, shell)
        save(shell.findChild(SettingsDialog), "shell", "settings-locked", lang)
        close(shell)

        fresh = work / f"fresh-{lang}"
        shell = open_shell(fresh, lang, unlock=False)
        shell.on_desk_opened(Desk.create(fresh, PASSPHRASE))
        settle(app, shell)
        save(shell, "shell", "mode-choice", lang)
        close(shell)

        for mode, path in vaults.items():
            shell = open_shell(path, lang)
            save(shell, "shell", f"{mode}-mode", lang)
            if mode == "counselor":
                open_settings(shell)
                settle(app, shell)
                save(shell.findChild(SettingsDialog), "shell", "settings", lang)
            close(shell)

    for lang in langs:
        switch_language(app, lang)  # type: ignore[arg-type]
        if not only or "shell" in only:
            shell_scenes(lang)
        for area, module in area_modules(only).items():
            scenes: list[Scene] = module.scenes()
            for name, navigate in scenes:
                shell = open_shell(vaults["counselor"], lang)
                try:
                    widget = navigate(shell)
                    settle(app, shell)
                    save(widget, area, name, lang)
                except Exception as exc:  # one broken scene must not hide the others' screenshots
                    failures += 1
                    print(f"{area}-{name}-{lang}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                finally:
                    close(shell)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
