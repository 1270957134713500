"""The vault across threads: each thread its own connection, readers never see an uncommitted batch, a
writer waits for another thread's transaction instead of failing, and close() from any thread locks all."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from victim_desk.core.model import EvidenceItem
from victim_desk.desk import Desk
from victim_desk.errors import VaultBusy, VaultLocked
from victim_desk.storage import connection, keywrap
from victim_desk.storage.vault import NestedTransaction, Vault

BATCH = 2000  # the import's batch size: what a reader may see is always whole batches
BATCHES = 4
_WAIT = 120  # seconds; only a hang (a bug) ever gets near it


def test_reader_and_writer_on_the_main_thread_while_another_thread_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = BATCH * BATCHES
    source = tmp_path / "many.txt"
    source.write_text("".join(f"https://t.me/bulk_channel_{i:06d}\n" for i in range(rows)), encoding="utf-8")
    desk = Desk.create(tmp_path / "v", PASSPHRASE)
    case = desk.cases.add("여러 스레드")
    other_case = desk.cases.add("other")

    # Inside each import batch, after its rows are inserted and before COMMIT, the importer stops twice:
    # once so the main thread can read while the batch is uncommitted, and once more until the main
    # thread's own write has queued for the write lock behind it. Barriers and the lock's own queue make
    # the interleaving exact, with no sleeps.
    barrier = threading.Barrier(2, timeout=_WAIT)
    importer: list[threading.Thread] = []
    original = Vault.transaction

    @contextlib.contextmanager
    def paused_before_commit(self: Vault) -> Iterator[Any]:
        with original(self) as conn:
            yield conn
            if importer and threading.current_thread() is importer[0]:
                barrier.wait()  # A: the batch is in, uncommitted
                barrier.wait()  # B: the main thread has read and a writer is queued; now commit

    monkeypatch.setattr(Vault, "transaction", paused_before_commit)
    outcome: list[object] = []

    def run_import() -> None:
        try:
            outcome.append(desk.sightings.import_file(case, source))
        except BaseException as exc:  # handed to the main thread, which fails the test with it
            outcome.append(exc)
            barrier.abort()

    thread = threading.Thread(target=run_import, name="importer")
    importer.append(thread)
    thread.start()

    own: list[int] = []
    for committed in range(BATCHES):
        barrier.wait()
        # The importer holds an open transaction with BATCH more rows in it: none may be visible here.
        assert sum(1 for _ in desk.sightings.list(case)) == committed * BATCH + len(own)
        assert [c.id for c in desk.cases.list()] == [case, other_case]
        # Now the main thread writes while that batch is uncommitted. A helper lets the importer commit
        # only once this write is queued for the lock: the write waits instead of failing, and goes in
        # before the importer's next batch (writers take turns).
        helper = threading.Thread(target=_commit_once_a_writer_waits, args=(desk._vault, barrier))
        helper.start()
        own.append(desk.sightings.add(case, f"https://x.com/main_thread_{committed}").id)
        helper.join(_WAIT)
        # The importer may be inside its next batch by now: still only whole batches are visible.
        assert sum(1 for _ in desk.sightings.list(case)) == (committed + 1) * BATCH + len(own)
        assert [c.id for c in desk.cases.list()] == [case, other_case]

    thread.join(_WAIT)
    assert not thread.is_alive()
    (result,) = outcome
    assert not isinstance(result, BaseException), result
    assert len(result.added) == rows  # type: ignore[attr-defined]
    urls = [s.url for s in desk.sightings.list(case)]
    assert len(urls) == rows + BATCHES
    assert len(set(urls)) == len(urls)
    assert all(f"https://x.com/main_thread_{i}" in urls for i in range(BATCHES))
    added: list[int] = result.added  # type: ignore[attr-defined]
    for i, sighting_id in enumerate(own):  # each queued write went in right after the batch it waited for
        assert added[(i + 1) * BATCH - 1] < sighting_id
        assert i + 1 == BATCHES or sighting_id < added[(i + 1) * BATCH]
    desk.lock()
    with Desk.open(tmp_path / "v", PASSPHRASE) as again:  # nothing lost once everything is closed
        assert sum(1 for _ in again.sightings.list(case)) == rows + BATCHES
        assert [c.id for c in again.cases.list()] == [case, other_case]
        assert again.admin.check().sound


def _commit_once_a_writer_waits(vault: Vault, barrier: threading.Barrier) -> None:
    assert vault._writers.wait_until_waiting(1, _WAIT)
    barrier.wait()


def test_each_thread_has_its_own_connection_without_a_second_key_derivation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = Vault.create(tmp_path / "v", PASSPHRASE)
    derivations: list[int] = []
    real_derive = keywrap.KdfParams.derive

    def counted(self: keywrap.KdfParams, passphrase: str) -> bytes:
        derivations.append(1)
        return real_derive(self, passphrase)

    monkeypatch.setattr(keywrap.KdfParams, "derive", counted)
    main_conn = vault.conn
    theirs: list[Any] = []
    worker = threading.Thread(target=lambda: theirs.append(vault.conn))
    worker.start()
    worker.join(_WAIT)
    assert theirs[0] is not None and theirs[0] is not main_conn
    assert vault.conn is main_conn  # the same one again on the same thread
    assert derivations == []
    vault.close()


def test_close_from_another_thread_closes_every_connection_and_forgets_the_key(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "v", PASSPHRASE)
    mine = vault.conn
    mine.execute("SELECT count(*) FROM cases").fetchone()
    opened = threading.Event()
    release = threading.Event()
    theirs: list[Any] = []

    def worker() -> None:
        theirs.append(vault.conn)
        opened.set()
        release.wait(_WAIT)

    helper = threading.Thread(target=worker)
    helper.start()
    assert opened.wait(_WAIT)
    closer = threading.Thread(target=vault.close)
    closer.start()
    closer.join(_WAIT)
    release.set()
    helper.join(_WAIT)

    for conn in (mine, theirs[0]):
        with pytest.raises(sqlcipher3.ProgrammingError):
            conn.raw.execute("SELECT 1")
        with pytest.raises(VaultLocked):  # work still holding one hears "locked", not a raw error
            conn.execute("SELECT 1")
    assert vault.closed and vault.conn is None
    assert bytes(vault._key) == bytes(len(vault._key))
    with pytest.raises(VaultLocked), vault.transaction():
        pass


def test_nested_transaction_is_a_clear_programming_error_and_saves_nothing(tmp_path: Path) -> None:
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        with pytest.raises(NestedTransaction), desk._vault.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
            with desk._vault.transaction():
                pass
        assert desk._vault.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
        desk.cases.add("still works afterwards")


def test_a_writer_held_elsewhere_means_vault_busy_after_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 20)
    Vault.create(tmp_path / "v", PASSPHRASE).close()
    with Vault.open(tmp_path / "v", PASSPHRASE) as first, Vault.open(tmp_path / "v", PASSPHRASE) as second:
        with first.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
            with pytest.raises(VaultBusy), second.transaction():
                pass
        with second.transaction() as conn:  # free again once the other one committed
            conn.execute("INSERT INTO settings (key, value) VALUES ('after', '1')")


def test_a_reading_cursor_left_open_does_not_block_a_write_on_the_same_thread(tmp_path: Path) -> None:
    # The GUI's sightings list keeps a cursor open and reads on as the person scrolls. Meanwhile another
    # thread commits; a write from the GUI thread must still go through, not fail on its old snapshot.
    with Desk.create(tmp_path / "v", PASSPHRASE) as desk:
        case = desk.cases.add("scrolling")
        first = desk.sightings.add(case, "https://t.me/first_row")
        desk.sightings.add(case, "https://t.me/second_row")
        pending = desk.sightings.list(case)
        assert next(pending).id == first.id
        other = threading.Thread(target=desk.sightings.add, args=(case, "https://t.me/from_a_worker"))
        other.start()
        other.join(_WAIT)
        added = desk.sightings.add(case, "https://t.me/from_the_gui_thread")
        assert [s.url for s in pending] == ["https://t.me/second_row"]  # its own consistent snapshot
        assert [s.id for s in desk.sightings.list(case)][-1] == added.id


def test_an_import_and_a_fingerprint_batch_in_workers_while_the_main_thread_reads_and_writes(
    tmp_path: Path,
) -> None:
    # What the desktop app does at its busiest: an import and an evidence batch each on a worker thread,
    # while the person keeps adding and reading on the GUI thread. No error anywhere, every reader sees
    # only whole import batches, and nothing is lost.
    import numpy as np
    from PIL import Image

    rows = BATCH * 3
    source = tmp_path / "many.txt"
    source.write_text("".join(f"https://t.me/worker_room_{i:06d}\n" for i in range(rows)), encoding="utf-8")
    rng = np.random.default_rng(6)
    photos = []
    for n in range(6):
        photo = tmp_path / f"synthetic_{n}.png"
        small = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
        Image.fromarray(small).resize((240, 180), Image.Resampling.BICUBIC).save(photo)
        photos.append(photo)
    desk = Desk.create(tmp_path / "v", PASSPHRASE)
    imports, evidence, gui = desk.cases.add("import"), desk.cases.add("evidence"), desk.cases.add("gui")
    errors: list[BaseException] = []

    def guarded(work: Any) -> Any:
        def run() -> None:
            try:
                work()
            except BaseException as exc:
                errors.append(exc)

        return threading.Thread(target=run)

    def fingerprint_batch() -> None:
        failed = [r for _, r in desk.evidence.add(evidence, photos) if not isinstance(r, EvidenceItem)]
        assert failed == []

    workers = [guarded(lambda: desk.sightings.import_file(imports, source)), guarded(fingerprint_batch)]
    for worker in workers:
        worker.start()
    added = 0
    try:
        while any(w.is_alive() for w in workers) or added < 20:
            seen = sum(1 for _ in desk.sightings.list(imports))
            assert seen % BATCH == 0, seen  # never a row of an uncommitted batch
            desk.sightings.add(gui, f"https://t.me/gui_thread_room/{added}")
            added += 1
            # One read: a second one could see a file the worker committed in between.
            assert {e.case_id for e in desk.evidence.list(evidence)} <= {evidence}
    finally:
        for worker in workers:
            worker.join(_WAIT)
    assert errors == []
    assert sum(1 for _ in desk.sightings.list(imports)) == rows
    assert len(desk.evidence.list(evidence)) == len(photos)
    assert sum(1 for _ in desk.sightings.list(gui)) == added
    assert desk.admin.check().sound
    desk.lock()
