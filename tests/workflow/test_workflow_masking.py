"""Masking reads the pack's own postcodes through the core's check, so it masks what the finding reports."""

from __future__ import annotations

from evidencepack.privacy.detect import normalise_postcode
from evidencepack.result import check_document
from evidencepack.workflow import masking


def _pack(text: str) -> dict:
    return {"metadata": {"title": "Night checks", "locations": [{"name": "Larkfield House", "postcode": "ls7 4aa"}]},
            "actions": [{"action": text}]}


def test_the_packs_own_postcode_is_not_masked_and_another_is():
    pack = _pack("Visits from LS7 4AA to LS6 2QT")
    finding = next(f for f in check_document(pack).findings if f.code == "EP809")
    hits = masking.field_hits(pack, finding.code, finding.pointer)
    assert hits is not None
    assert hits.masked_value() == "Visits from LS7 4AA to LS6 ***"


def test_a_pack_the_model_rejects_has_no_own_postcodes():
    assert masking.own_postcodes({"metadata": {"locations": "not a list"}}) == frozenset()
    assert masking.own_postcodes(_pack("")) == frozenset({normalise_postcode("LS7 4AA")})
