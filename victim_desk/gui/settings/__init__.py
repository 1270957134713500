"""The settings window (a top-bar tool, usable locked or unlocked): see dialog.py."""
