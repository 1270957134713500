"""What every screen of an unlocked vault needs, passed as one object instead of five arguments.

Created by the shell when the vault opens and dropped with the workspace when it locks, so nothing here
outlives the unlocked state.
"""

from __future__ import annotations

from dataclasses import dataclass

from victim_desk.desk import Desk
from victim_desk.gui.banner import MessageBanner
from victim_desk.gui.safety import SecretClipboard
from victim_desk.gui.workers import Workers
from victim_desk.i18n import Lang


@dataclass(frozen=True)
class Session:
    desk: Desk
    workers: Workers
    clipboard: SecretClipboard
    banner: MessageBanner
    lang: Lang
