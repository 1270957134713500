"""Who signs the letters: the person herself, or the counselor acting for her."""

from __future__ import annotations

from victim_desk.core.model import Profile, Role
from victim_desk.errors import InvalidProfile
from victim_desk.storage.tables import profile as table
from victim_desk.storage.vault import Vault

from .unit import change


class Profiles:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def set(
        self,
        name: str,
        email: str,
        phone: str | None = None,
        role: str = "victim",
        organization: str | None = None,
    ) -> Profile:
        name, email = name.strip(), email.strip()
        if not name:
            raise InvalidProfile(field="name")
        if (
            "@" not in email
            or email.startswith("@")
            or email.endswith("@")
            or any(c.isspace() for c in email)
        ):
            raise InvalidProfile(field="email")
        try:
            profile = Profile(name, email, (phone or "").strip() or None, Role(role), organization)
        except ValueError:
            raise InvalidProfile(field="role") from None
        with change(self._vault) as c:
            table.save_profile(c.conn, c.audit, profile)
        return profile

    def get(self) -> Profile | None:
        return table.load_profile(self._vault.conn)
