"""The bundle's entry script: PyInstaller freezes this file into `victim-desk` (`victim-desk.exe`).

It is the same `victim_desk.cli:main` that the wheel's console script runs, so the bundle starts exactly
the code the tests test (the GUI opens through `main` when no command is given).
"""

from victim_desk.cli import main

raise SystemExit(main())
