"""A separate OS process that uses the store, driven by the concurrency tests.

    python _worker.py race URL    read "PACK_ID LABEL" lines; save on base version 1; print the outcome
    python _worker.py saver URL PACK_ID    save new versions in a loop, printing each number once saved

Every line is flushed as soon as it is written, so the parent knows exactly what was reported.
"""

from __future__ import annotations

import json
import sys

from evidencepack.store import ConflictError, open_store


def race(url: str) -> None:
    with open_store(url) as store:
        print("ready", flush=True)
        for line in sys.stdin:
            pack_id, label = line.split()
            data = {"metadata": {"id": pack_id, "title": f"edited by {label}"}, "writer": label}
            try:
                info = store.save(pack_id, data, base_version=1, saved_by=label)
                outcome = {"pack": pack_id, "outcome": "saved", "number": info.number}
            except ConflictError as conflict:
                outcome = {"pack": pack_id, "outcome": "conflict", "number": conflict.current.number}
            print(json.dumps(outcome), flush=True)


def saver(url: str, pack_id: str) -> None:
    with open_store(url) as store:
        info, _data = store.latest(pack_id)
        number = info.number
        print("ready", flush=True)
        padding = "x" * 20_000  # a bigger write: more chances to be killed in the middle of one
        while True:
            data = {"metadata": {"id": pack_id, "title": "durability"}, "counter": number, "padding": padding}
            number = store.save(pack_id, data, base_version=number, saved_by="saver").number
            print(number, flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    {"race": race, "saver": saver}[mode](*args)
