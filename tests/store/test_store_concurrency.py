"""Separate OS processes on one store: racing writers, and SIGKILL in the middle of saving."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import evidencepack
from evidencepack.canonical import content_sha256
from evidencepack.store import ConflictError, Store, open_store

WORKER = Path(__file__).with_name("_worker.py")
REPO = Path(evidencepack.__file__).resolve().parent.parent


def start_worker(*args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if first.strip() != "ready":
        process.kill()
        raise AssertionError(f"worker did not start: {first!r} {process.communicate()[1]}")
    return process


def test_two_processes_saving_on_the_same_base_one_wins_and_the_other_gets_a_conflict(store_url: str) -> None:
    rounds = 8
    with open_store(store_url) as store:
        packs = [store.create_pack({"metadata": {"title": f"race {n}"}}, saved_by="setup") for n in range(rounds)]
    writers = {label: start_worker("race", store_url) for label in ("anna", "ben")}
    outcomes: dict[str, dict[str, dict]] = {pack_id: {} for pack_id in packs}
    try:
        for pack_id in packs:
            for label, process in writers.items():  # both go at once
                assert process.stdin is not None
                process.stdin.write(f"{pack_id} {label}\n")
                process.stdin.flush()
            for label, process in writers.items():
                assert process.stdout is not None
                outcomes[pack_id][label] = json.loads(process.stdout.readline())
    finally:
        for process in writers.values():
            assert process.stdin is not None
            process.stdin.close()
        for process in writers.values():
            assert process.wait(timeout=30) == 0, process.stderr.read() if process.stderr else ""

    with open_store(store_url) as store:
        for pack_id, by_writer in outcomes.items():
            kinds = sorted(o["outcome"] for o in by_writer.values())
            assert kinds == ["conflict", "saved"], by_writer
            winner = next(label for label, o in by_writer.items() if o["outcome"] == "saved")
            loser = next(label for label in by_writer if label != winner)
            assert by_writer[winner]["number"] == 2 and by_writer[loser]["number"] == 2
            assert [v.number for v in store.versions(pack_id)] == [1, 2]
            info, data = store.latest(pack_id)
            assert (info.saved_by, data["writer"]) == (winner, winner)
            # the loser resolves by saving on top of the winner: nothing is lost
            merged = {**data, "writer": f"{winner}+{loser}"}
            assert store.save(pack_id, merged, base_version=2, saved_by=loser).number == 3
            assert store.get_version(pack_id, 1)[1] == {"metadata": {"title": f"race {packs.index(pack_id)}"}}
            assert store.get_version(pack_id, 2)[1]["writer"] == winner


def test_versions_reported_saved_survive_sigkill(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        pack_id = store.create_pack({"metadata": {"title": "durability"}}, saved_by="setup")
    chance = random.Random()
    reported: set[int] = {1}
    for _round in range(8):
        process = start_worker("saver", sqlite_url, pack_id)
        time.sleep(chance.uniform(0.0, 0.25))
        os.kill(process.pid, signal.SIGKILL)
        out, _err = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        reported |= {int(line) for line in out.splitlines() if line.strip().isdigit()}

        with open_store(sqlite_url) as store:
            numbers = [v.number for v in store.versions(pack_id)]
            assert numbers == list(range(1, len(numbers) + 1))  # no gaps
            assert reported <= set(numbers), sorted(reported - set(numbers))
            for number in reported:  # every reported version reads back intact
                info, data = store.get_version(pack_id, number)
                assert info.sha256 == content_sha256(data)
    assert max(reported) > 8  # the children did save between kills


def test_threads_sharing_one_store_on_the_same_base_exactly_one_wins(store: Store) -> None:
    pack_id = store.create_pack({"metadata": {"title": "threads"}}, saved_by="setup")
    writers = 6
    barrier = threading.Barrier(writers)

    def attempt(n: int) -> str:
        barrier.wait()
        try:
            store.save(pack_id, {"metadata": {"title": f"thread {n}"}}, base_version=1, saved_by=f"t{n}")
        except ConflictError as conflict:
            assert conflict.current.number == 2
            return "conflict"
        return "saved"

    with ThreadPoolExecutor(writers) as pool:
        results = list(pool.map(attempt, range(writers)))
    assert sorted(results) == ["conflict"] * (writers - 1) + ["saved"]
    assert [v.number for v in store.versions(pack_id)] == [1, 2]
