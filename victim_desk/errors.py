"""Every failure a person can see, one class each, with its message in the catalogue.

Code below the CLI and GUI raises these; the front ends catch `DeskError` and show `message(lang)`. Anything
else that escapes is a bug: the front ends log it without case data and show `UnexpectedError`'s message.

`message(lang)` is read in a window as much as in a terminal, so it never names a command or an option.
Command-line advice ("'victim-desk case list' shows the numbers") lives in its own catalogue entry,
`<key>.cli`, which only the CLI adds (`cli_message`).
"""

from __future__ import annotations

from typing import ClassVar, Self, cast

from victim_desk.i18n import Lang, Message, has_message, t
from victim_desk.system_reasons import errno_name, system_reason


class DeskError(Exception):
    """A failure with a calm, translated message. `key` names the message in resources/i18n."""

    key: ClassVar[str] = "error.unexpected"
    exit_code: ClassVar[int] = 1

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        """What happened and what to do, in words that hold in the desktop app and on the command line."""
        return t(self.key, lang, **self.params)

    def cli_hint(self, lang: Lang) -> str | None:
        """The command-line way to do what the message advises (a command to run, an option to add), or
        None when the message needs none."""
        key = f"{self.key}.cli"
        return t(key, lang, **self.params) if has_message(key) else None

    def cli_message(self, lang: Lang) -> str:
        """The message as the CLI prints it: `message` followed by the command-line hint, if any."""
        text = self.message(lang)
        hint = self.cli_hint(lang)
        if hint is None:
            return text
        joined = f"{text} {hint}"
        # Both parts come from the catalogue (their params already made visible): keep their line breaks.
        return Message(joined) if isinstance(text, Message) else joined


class ReasonedError(DeskError):
    """A failure whose message carries a nested `{reason}` that is kept as a code, never as text.

    The code is the param named `reason_param` (problem="not_granted", cause="timeout", ...); the reason is
    rendered from `<reason_prefix>.<code>` with the other params, in the message's own language, so a
    Korean sentence never carries English system text or an exception's words. Subclasses with a richer
    reason (a line number, a place in a file, an errno) override `reason`; `outer_params` are those that
    belong to the message around it (a path)."""

    reason_prefix: ClassVar[str] = ""
    reason_param: ClassVar[str] = "problem"

    def outer_params(self) -> dict[str, object]:
        """The params of the message around the reason (none unless a subclass says so)."""
        return {}

    def reason(self, lang: Lang) -> Message:
        """Why, in `lang` (the `{reason}` of the message)."""
        params = {name: value for name, value in self.params.items() if name not in self.outer_params()}
        return t(f"{self.reason_prefix}.{params.pop(self.reason_param)}", lang, **params)

    def message(self, lang: Lang) -> str:
        # The reason's params were made visible when it was rendered; visible() leaves that text as it is.
        return t(self.key, lang, **self.outer_params(), reason=self.reason(lang))


class UnexpectedError(DeskError):
    key = "error.unexpected"


class Cancelled(DeskError):
    key = "error.cancelled"


# --- the vault ------------------------------------------------------------------------------------


class VaultNotFound(DeskError):
    key = "error.vault_not_found"


class VaultExists(DeskError):
    key = "error.vault_exists"


class WrongPassphrase(DeskError):
    key = "error.wrong_passphrase"


class PassphraseTooShort(DeskError):
    key = "error.passphrase_too_short"


class PassphrasesDiffer(DeskError):
    key = "error.passphrases_differ"


class NoPassphrase(DeskError):
    key = "error.no_passphrase"


class PassphraseNotUtf8(DeskError):
    key = "error.passphrase_not_utf8"


class VaultCorrupt(DeskError):
    key = "error.vault_corrupt"


class VaultTooNew(DeskError):
    key = "error.vault_too_new"


class VaultBusy(DeskError):
    key = "error.vault_busy"


class DiskFull(DeskError):
    """The disk (or the user's quota) has no room left for the vault's next write; nothing half-written."""

    key = "error.disk_full"


# The kinds of damage below are VaultCorrupt too, so code that already catches VaultCorrupt keeps working;
# each says more precisely what happened and what to do.


class VaultFileMissing(VaultCorrupt):
    """key.json is there but vault.db is gone or empty: never silently start a new, empty vault."""

    key = "error.vault_file_missing"


class VaultFileTruncated(VaultCorrupt):
    key = "error.vault_file_truncated"


class VaultDamaged(VaultCorrupt):
    """A page of the database fails its authentication or structure check."""

    key = "error.vault_damaged"


class BackupDamaged(VaultCorrupt):
    key = "error.backup_damaged"


class KeyFileDamaged(VaultCorrupt):
    """key.json cannot be read as written (accidental damage), as opposed to a wrong passphrase."""

    key = "error.keyfile_damaged"


class KdfParamsRefused(KeyFileDamaged):
    """key.json asks for a key derivation far costlier than this app ever writes."""

    key = "error.kdf_params_refused"


class VaultLocked(DeskError):
    key = "error.vault_locked"


class KeyringRefused(DeskError):
    key = "error.keyring_refused"


class KeyringUnavailable(DeskError):
    key = "error.keyring_unavailable"


class OutputExists(DeskError):
    key = "error.output_exists"


class SystemRefused(ReasonedError):
    """A failure the operating system reported (disk full, read-only drive, no permission, ...).

    Raised through `from_os(exc, ...)`, which keeps only the errno's name (`os_error`): the message's
    `{reason}` is rendered from it in the message's own language (system_reasons, messages-system.json),
    never the system's English `strerror`."""

    @classmethod
    def from_os(cls, exc: OSError, /, **params: object) -> Self:
        return cls(os_error=errno_name(exc), **params)

    def outer_params(self) -> dict[str, object]:
        return {name: value for name, value in self.params.items() if name != "os_error"}

    def reason(self, lang: Lang) -> Message:
        """Why the system refused, and what to do, in `lang` (the `{reason}` of the message)."""
        return system_reason(str(self.params.get("os_error", "")), lang)


class CannotWrite(SystemRefused):
    key = "error.cannot_write"


# --- the desktop app's settings and modes --------------------------------------------------------------


class NamedField(DeskError):
    """A failure about one field, kept as its code in `field` and named in words (`<fields>.<field>` in
    messages-reasons.json) in the message's language, so a Korean sentence never shows "display_name"."""

    fields: ClassVar[str] = ""

    def message(self, lang: Lang) -> str:
        field = str(self.params.get("field", ""))
        key = f"{self.fields}.{field}"
        return t(self.key, lang, **{**self.params, "field": t(key, lang) if has_message(key) else field})


class InvalidPreference(NamedField):
    """A value for one of this computer's settings (app.preferences) that cannot be used."""

    key = "error.invalid_preference"
    fields = "field.preference"


class InvalidDeskMode(DeskError):
    key = "error.invalid_desk_mode"


# --- cases and sightings --------------------------------------------------------------------------


class CaseNotFound(DeskError):
    key = "error.case_not_found"


class SightingNotFound(DeskError):
    key = "error.sighting_not_found"


class DuplicateSighting(DeskError):
    """The same address (after normalising) is already recorded in the case: the first one is kept."""

    key = "error.duplicate_sighting"


class EmptyTitle(DeskError):
    key = "error.empty_title"


class InvalidUrl(DeskError):
    key = "error.invalid_url"


class UrlHiddenCharacters(InvalidUrl):
    """Control or bidi characters: the address would not be what it looks like."""

    key = "error.url_hidden_characters"


class UnknownPlatform(DeskError):
    key = "error.unknown_platform"


class InvalidDate(DeskError):
    key = "error.invalid_date"


class FutureDate(DeskError):
    key = "error.future_date"


class InvalidStatus(DeskError):
    key = "error.invalid_status"


class InvalidProfile(NamedField):
    key = "error.invalid_profile"
    fields = "field.profile"


class ImportFileUnreadable(DeskError):
    """The list file cannot be read. With `cause` (a FileUnreadable: missing, folder, no permission, a
    device or pipe) the message names the file and says the cause in the shared words for it."""

    key = "error.import_unreadable"

    def message(self, lang: Lang) -> str:
        cause = self.params.get("cause")
        if isinstance(cause, DeskError):
            return t("error.import_file_problem", lang, path=self.params.get("path", ""),
                     reason=cause.message(lang))  # fmt: skip
        return super().message(lang)


class ImportFileTooLarge(ImportFileUnreadable):
    key = "error.import_too_large"


class ImportFileNotText(ImportFileUnreadable):
    key = "error.import_not_text"


class ImportFileEncoding(ImportFileUnreadable):
    key = "error.import_encoding"


class ImportFileEmpty(DeskError):
    key = "error.import_empty"


class ImportRowNul(DeskError):
    key = "error.import_row_nul"


class ImportFieldTooLong(DeskError):
    key = "error.import_field_too_long"


class ImportRowBroken(DeskError):
    key = "error.import_row_broken"


# --- files, fingerprints and hash lists -----------------------------------------------------------


class FileUnreadable(SystemRefused):
    key = "error.file_unreadable"


class FileMissing(FileUnreadable):
    key = "error.file_missing"


class FileIsFolder(FileUnreadable):
    key = "error.file_is_folder"


class FileNotPermitted(FileUnreadable):
    key = "error.file_not_permitted"


class FileNotRegular(FileUnreadable):
    key = "error.file_not_regular"


def file_error(exc: OSError) -> FileUnreadable:
    """The calm, specific error for a file the system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return FileMissing()
    if isinstance(exc, IsADirectoryError):
        return FileIsFolder()
    if isinstance(exc, PermissionError):
        return FileNotPermitted()
    return FileUnreadable.from_os(exc)


class UnsupportedFile(DeskError):
    key = "error.unsupported_file"


class CorruptFile(DeskError):
    key = "error.corrupt_file"


class ImageTooLarge(DeskError):
    key = "error.image_too_large"


class ImageNeedsTooMuchMemory(ImageTooLarge):
    key = "error.image_too_much_memory"


class VideoTooLong(ReasonedError):
    """A video (or an original to keep) past one of the limits that bound the work a file can ask for.

    `limit` names the limit (message `limit.<limit>` in messages-limits.json) and the other params are its
    figures: `duration` (hours, max_hours), `frames` (count, max_count), `time` (minutes), `size` (size_mb,
    max_mb). The reason is rendered in the message's language, units included."""

    key = "error.video_too_long"
    reason_prefix = "limit"
    reason_param = "limit"

    def __init__(self, *, limit: str, **figures: object) -> None:
        super().__init__(limit=limit, **figures)


class HashListInvalid(ReasonedError):
    """A hash list (CSV, JSON Lines) or a fingerprint stored or listed that cannot be read.

    `problem` names what is wrong (message `hashlist.problem.<problem>` in messages-hashlist.json, with its
    own params such as `field`); `line`, when the problem is on one line of a file, is put in front of it.
    Both are rendered in the message's language, so a Korean sentence never carries English text."""

    key = "error.hashlist_invalid"
    reason_prefix = "hashlist.problem"

    def __init__(self, *, problem: str, line: int | None = None, **params: object) -> None:
        if line is not None:
            params["line"] = line
        super().__init__(problem=problem, **params)

    def at_line(self, line: int) -> HashListInvalid:
        """The same problem, placed on `line` of a list (a robust signature is checked before its line
        is known)."""
        params = {name: value for name, value in self.params.items() if name not in ("problem", "line")}
        return HashListInvalid(problem=str(self.params["problem"]), line=line, **params)

    def reason(self, lang: Lang) -> Message:
        """What is wrong with the file and where, in `lang` (the `{reason}` of `error.hashlist_invalid`)."""
        text = super().reason(lang)
        line = self.params.get("line")
        return text if line is None else t("hashlist.at_line", lang, line=line, problem=text)


class EvidenceNotFound(DeskError):
    key = "error.evidence_not_found"


# --- letters, requests and their clocks ---------------------------------------------------------------------


class UnknownRecipient(DeskError):
    key = "error.unknown_recipient"


class NoAiIndicators(DeskError):
    """Asked to cite AI-made indicators, but no evidence file of the case states any."""

    key = "error.no_ai_indicators"
    exit_code = 2


class JurisdictionNotAnswered(DeskError):
    """The recipient does not answer to the chosen law (e.g. the Korean regulator under US law)."""

    key = "error.jurisdiction_not_answered"


class UnknownChannel(DeskError):
    key = "error.unknown_channel"


class LetterIncomplete(DeskError):
    """A required element of the request is missing; nothing was written. `missing` lists element ids,
    each named with how to supply it (messages `letter.element.<id>` and `letter.supply.<id>`)."""

    key = "error.letter_incomplete"
    exit_code = 2

    def message(self, lang: Lang) -> str:
        missing = self.params.get("missing") or []
        lines = [t(self.key, lang, jurisdiction=self.params.get("jurisdiction", ""))]
        for element in missing if isinstance(missing, list | tuple) else []:
            lines.append(
                t(
                    "error.letter_missing_line",
                    lang,
                    element=t(f"letter.element.{element}", lang),
                    supply=t(f"letter.supply.{element}", lang),
                )
            )
        return Message("\n".join(lines))


class RequestNotFound(DeskError):
    key = "error.request_not_found"


class InvalidRequestStatus(DeskError):
    key = "error.invalid_request_status"


class RequestClosed(DeskError):
    """A follow-up or escalation was asked for a request that is already settled. `status` is the code
    (removed, closed, ...), named in the message's language by `request.status.<status>`."""

    key = "error.request_closed"

    def message(self, lang: Lang) -> str:
        status = str(self.params.get("status", ""))
        named = t(f"request.status.{status}", lang) if has_message(f"request.status.{status}") else status
        return t(self.key, lang, **{**self.params, "status": named})


class EscalationNotAvailable(DeskError):
    key = "error.escalation_not_available"


class LetterOptionMissing(DeskError):
    """`letter` was asked for without an option that kind of letter needs (e.g. --to)."""

    key = "error.letter_option_missing"
    exit_code = 2


class LetterOptionConflict(DeskError):
    """An option that does not fit this kind of letter (e.g. --platform with --sighting)."""

    key = "error.letter_option_conflict"
    exit_code = 2


# --- network re-checks --------------------------------------------------------------------------------------


class NetworkNeverAllowed(DeskError):
    """The vault's network setting is `never`: nothing may be checked online until it is changed."""

    key = "error.network_never"
    exit_code = 2


class NetworkConsentNeeded(DeskError):
    """The setting is `ask` and nobody could be asked (no terminal), or the person said no."""

    key = "error.network_consent_needed"
    exit_code = 2


class NetworkDeclined(DeskError):
    """The person answered no when asked whether this run may go online."""

    key = "error.network_declined"


class InvalidProxy(DeskError):
    key = "error.invalid_proxy"
    exit_code = 2


class InvalidNetworkSetting(DeskError):
    key = "error.invalid_network_setting"


# --- referrals and the guide --------------------------------------------------------------------------------


class DirectoryInvalid(ReasonedError):
    """The shipped directory of organisations fails its checks (a fact without a source, ...).

    `problem` names what is wrong (message `directory.problem.<problem>` in messages-reasons.json, with its
    own params such as `field`); `where` is the place in the file as steps from the top, each a pair
    (`organisation`, id) / (`phone`, 2) / ... rendered by `directory.place.<step>`. Ids and field names are
    the file's own codes and stay as they are; every word around them is in the message's language."""

    key = "error.directory_invalid"
    reason_prefix = "directory.problem"

    def __init__(self, *, problem: str, where: tuple[tuple[str, object], ...] = (), **params: object) -> None:
        super().__init__(problem=problem, where=tuple(where), **params)

    def reason(self, lang: Lang) -> Message:
        """What is wrong with the directory file and where, in `lang`."""
        problem = super().reason(lang)
        steps = cast("tuple[tuple[str, object], ...]", self.params.get("where", ()))
        if not steps:
            return problem
        place = ", ".join(t(f"directory.place.{step}", lang, value=value) for step, value in steps)
        return t("directory.at", lang, place=Message(place), problem=problem)


class GuideInvalid(ReasonedError):
    """The shipped guide names an organisation or fact the directory does not have.

    `problem` names what is wrong (`guide.problem.<problem>` in messages-reasons.json); `placeholder` is the
    guide's own code ({phone:women1366}) and is shown as it is."""

    key = "error.guide_invalid"
    reason_prefix = "guide.problem"

    def __init__(self, *, problem: str, **params: object) -> None:
        super().__init__(problem=problem, **params)


class UnknownOrganisation(DeskError):
    key = "error.unknown_organisation"


class UnknownNeed(DeskError):
    key = "error.unknown_need"


class UnknownRegion(DeskError):
    key = "error.unknown_region"


class UnknownShareField(DeskError):
    exit_code = 2
    key = "error.unknown_share_field"


class NoSightingsToShare(DeskError):
    key = "error.no_sightings_to_share"


class NoFingerprintsToShare(DeskError):
    key = "error.no_fingerprints_to_share"


class NoContactToShare(DeskError):
    """`contact` was consented to, but the vault holds no contact of the person herself."""

    key = "error.no_contact_to_share"


class ReferralNeedsProfile(DeskError):
    key = "error.referral_needs_profile"


class UnknownDocumentFormat(DeskError):
    exit_code = 2
    key = "error.unknown_document_format"


class ReferralOptionsMissing(DeskError):
    exit_code = 2
    key = "error.referral_options_missing"


class ReferralListOptions(DeskError):
    exit_code = 2
    key = "error.referral_list_options"


# --- provenance (signs a file was made by AI) ---------------------------------------------------------------


# --- evidence packages --------------------------------------------------------------------------------------


class PackagePassphraseNeeded(DeskError):
    """`--encrypt` without any way to get a passphrase (no terminal, no stdin option, no variable)."""

    key = "error.package_passphrase_needed"
    exit_code = 2


class TimestampUrlInvalid(DeskError):
    key = "error.timestamp_url_invalid"
    exit_code = 2


class TimestampUnavailable(ReasonedError):
    """The timestamping authority could not be reached or answered with an error: nothing was written.

    `cause` names why (`timestamp.cause.<cause>` in messages-reasons.json: timeout, tls, connection,
    http_status and moved with the answer's `status` number, too_large, network); the class name of an
    unexpected library exception is never shown."""

    key = "error.timestamp_unavailable"
    reason_prefix = "timestamp.cause"
    reason_param = "cause"

    def __init__(self, *, cause: str, **params: object) -> None:
        super().__init__(cause=cause, **params)


class TimestampRejected(ReasonedError):
    """The authority answered, but its answer does not hold (refused, wrong hash, bad signature).

    `problem` is the check that failed (core.timestamp.TimestampProblem.kind: not_granted, malformed,
    imprint_mismatch, nonce_mismatch, signature_invalid), rendered by `timestamp.problem.<problem>`."""

    key = "error.timestamp_rejected"
    reason_prefix = "timestamp.problem"

    def __init__(self, *, problem: str) -> None:
        super().__init__(problem=problem)


class PackageUnreadable(SystemRefused):
    """The package file itself cannot be opened (missing, a folder, no permission)."""

    key = "error.package_unreadable"


class InvalidKeyFingerprint(DeskError):
    key = "error.invalid_key_fingerprint"
    exit_code = 2
