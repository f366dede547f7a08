"""workflow.saving on each backend: a save that meets a newer version merges field by field."""

from __future__ import annotations

import copy

from evidencepack.blank import blank_pack
from evidencepack.workflow import saving


def _pack() -> dict:
    data = blank_pack(title="Night checks", pack_id="6a1f7a52-55a4-4d8c-9a43-2f1c7b0e9d10")
    data["metadata"]["provider"] = {"name": "Larkfield"}
    return data


def test_a_stale_save_of_another_field_is_merged_and_both_changes_kept(store):
    pack = store.create_pack(_pack(), saved_by="Ana")
    info, base = store.latest(pack)
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["innovation"]["product_version"] = "4.3"
    store.save(pack, theirs, base_version=info.number, saved_by="Ben")
    mine["metadata"]["provider"]["ods_code"] = "ZZL01"
    outcome = saving.save(store, pack, mine, base_version=info.number, saved_by="Ana")
    assert isinstance(outcome, saving.Saved)
    assert [v.saved_by for v in outcome.merged_with] == ["Ben"]
    latest_info, latest = store.latest(pack)
    assert latest_info.number == 3 and latest == outcome.content
    assert latest["innovation"]["product_version"] == "4.3"
    assert latest["metadata"]["provider"] == {"name": "Larkfield", "ods_code": "ZZL01"}


def test_the_same_field_is_a_conflict_and_nothing_is_written_until_settled(store):
    pack = store.create_pack(_pack(), saved_by="Ana")
    info, base = store.latest(pack)
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["metadata"]["provider"]["name"] = "Theirs"
    theirs["innovation"]["product_version"] = "4.3"
    store.save(pack, theirs, base_version=info.number, saved_by="Ben")
    mine["metadata"]["provider"]["name"] = "Mine"
    outcome = saving.save(store, pack, mine, base_version=info.number, saved_by="Ana")
    assert isinstance(outcome, saving.Conflict)
    assert [c.path for c in outcome.result.conflicts] == [("metadata", "provider", "name")]
    assert store.latest(pack)[0].number == 2
    settled = saving.resolve(store, pack, outcome, ["mine"], saved_by="Ana")
    assert isinstance(settled, saving.Saved)
    info3, latest = store.latest(pack)
    assert info3.number == 3 and "kept mine for 1" in info3.note
    assert latest["metadata"]["provider"]["name"] == "Mine"
    assert latest["innovation"]["product_version"] == "4.3"
