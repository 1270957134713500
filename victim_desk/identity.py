"""The names the app shows the world, in one place: window title, launcher entries and installers.

A launcher entry, a Start-menu folder or a window title is seen by anyone who uses the same computer, so
the name people see is neutral: it says nothing about images, victims or abuse. The installers and the
Linux launcher files carry the same value (packaging/ reads it here; tests/unit/test_packaging_recipes.py
checks the static files agree). The command name `victim-desk` stays as the developers' and scripts' name.
"""

from __future__ import annotations

# What the Start menu, the Applications folder, the launcher and the window title show.
DISPLAY_NAME = "Desk Notes"
# The windowed program the Windows Start-menu entry starts, and the macOS .app's name (without ".app").
GUI_EXECUTABLE = "DeskNotes"
# The command-line program (also the Linux bundle's one executable).
CLI_EXECUTABLE = "victim-desk"
# Reverse-DNS id for AppStream, Flatpak and the macOS bundle (a placeholder until the project has a domain).
APP_ID = "io.github.victim_desk.VictimDesk"
