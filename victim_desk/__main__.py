"""Allows `python -m victim_desk`."""

from victim_desk.cli import main

raise SystemExit(main())
