"""How a module declares its commands: the pieces of the parser it needs, handed over as one object."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Grammar:
    """What a module needs to add its commands, so every command is declared the same way."""

    sub: Any  # the top-level subparsers action
    command: Callable[[Any, str, str], argparse.ArgumentParser]  # (parent, name, help key) -> parser
    group: Callable[[str], Any]  # name -> the group's subparsers action
    h: Callable[[str], str]  # help key -> help text in the user's language
    record_id: Callable[[str], int]  # the type of every record id argument
