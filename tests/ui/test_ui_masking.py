"""Personal data in the app: each hit is shown masked beside its finding (principle page, evidence register,
Review) with a button that replaces it in the field with the masked form and saves a new version.

NHS numbers are made at run time (``evidencepack.privacy.synthetic``), never written into this file.
"""

from __future__ import annotations

from typing import Any

from ui_support import example, ok, texts

from evidencepack.findings import Finding, Severity
from evidencepack.framework import load_framework
from evidencepack.privacy import scan_text
from evidencepack.privacy.synthetic import grouped, nhs_number
from evidencepack.workflow import masking

FIRST = load_framework().principles[0]
CRITERION = FIRST.criteria[0]
NARRATIVE = ("principles", FIRST.key, "criteria", CRITERION.key, "narrative")
SHOWN_KINDS = ("markdown", "caption", "error", "warning", "info", "success", "toast", "subheader", "title")


def shown(at: Any) -> str:
    """Everything the page shows as text (not the values inside edit boxes), plus the tables' cells."""
    out = [t for kind in SHOWN_KINDS for t in texts(at, kind)]
    out += [t for kind in SHOWN_KINDS for t in texts(at.sidebar, kind)]
    out += [str(frame.value.to_dict("records")) for frame in at.dataframe]
    return "\n".join(out)


def get(data: dict[str, Any], path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def assert_hidden(at: Any, number: str) -> None:
    text = shown(at)
    assert number not in text and grouped(number) not in text and number[3:] not in text.replace(" ", "")


def mask_buttons(at: Any) -> list[Any]:
    return [b for b in at.button if (b.key or "").startswith("ep.mask.")]


def test_the_principle_page_shows_the_hit_masked_and_masks_it(app, store, stored):
    number = nhs_number()
    data = example()
    original = get(data, NARRATIVE)
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] = (
        f"{original} Resident {grouped(number)} took part. Questions to quality@example.org."
    )
    pack = stored(data)
    at = app(f"principle:{FIRST.key}", pack_id=pack)
    assert any("NHS number" in t and f"{number[:3]} *** ****" in t for t in texts(at, "error")), texts(at, "error")
    assert any(t.startswith("Found: ") and f"Resident {number[:3]} *** **** took part" in t
               for t in texts(at, "caption"))
    assert_hidden(at, number)
    (button,) = [b for b in mask_buttons(at) if "EP801" in b.key]
    assert button.label == "Mask it" and not button.disabled
    ok(button.click().run())
    info, saved = store.latest(pack)
    assert info.number == 2 and info.saved_by == "Tess Lead"
    narrative = get(saved, NARRATIVE)
    assert narrative == f"{original} Resident {number[:3]} *** **** took part. Questions to quality@example.org."
    assert not any(h.kind == "nhs_number" for h in scan_text(narrative))
    assert "quality@example.org" in narrative  # only the finding's own kind is masked
    assert texts(at, "toast") == [f"Masked (NHS number): the text now reads {number[:3]} *** ****"]
    assert not any("nhs number" in t.lower() for t in texts(at, "error"))
    assert any("e-mail address" in t for t in texts(at, "warning")), texts(at, "warning")  # stays for a person
    boxes = [a for a in at.text_area if a.label == "Narrative"]
    assert any(box.value == narrative for box in boxes)  # the form shows the masked text


def test_the_evidence_register_shows_hits_masked_and_masks_them(app, store, stored):
    first, second = nhs_number(), nhs_number()
    data = example()
    data["evidence"][0]["description"] = f"Letters for {first} and {grouped(second)}, scanned."
    pack = stored(data)
    at = app("evidence", pack_id=pack)
    (row,) = [r for r in at.dataframe[0].value.to_dict("records") if r["id"] == data["evidence"][0]["id"]]
    assert row["possible personal data"] == f"{first[:3]} *** ****, {second[:3]} *** ****"
    assert_hidden(at, first)
    assert_hidden(at, second)
    (button,) = mask_buttons(at)
    assert button.label == "Mask all 2"
    ok(button.click().run())
    saved = store.latest(pack)[1]
    masked = f"Letters for {first[:3]} *** **** and {second[:3]} *** ****, scanned."
    assert saved["evidence"][0]["description"] == masked
    assert all(r["possible personal data"] == "" for r in at.dataframe[0].value.to_dict("records"))


def test_the_review_page_offers_the_same_fix(app, store, stored):
    data = example()
    data["actions"][0]["action"] = "Call the daughter of the resident (DOB 14/02/1939) about the trial."
    pack = stored(data)
    at = app("review", pack_id=pack)
    assert any("date of birth" in t and "[date of birth]" in t for t in texts(at, "error")), texts(at, "error")
    assert "14/02/1939" not in shown(at)
    (button,) = mask_buttons(at)
    ok(button.click().run())
    saved = store.latest(pack)[1]
    assert saved["actions"][0]["action"] == "Call the daughter of the resident (DOB [date of birth]) about the trial."
    assert not any("date of birth" in t.lower() for t in texts(at, "error"))


def test_a_read_only_pack_shows_the_hit_but_cannot_mask_it(app, store, stored):
    number = nhs_number()
    data = example()
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] += f" Resident {number}."
    data["metadata"]["status"] = "approved"
    data["metadata"]["approval"] = {"name": "Rae Manager", "date": "2026-01-10"}
    pack = stored(data)
    at = app(f"principle:{FIRST.key}", pack_id=pack)
    (button,) = mask_buttons(at)
    assert button.disabled
    assert_hidden(at, number)
    assert store.latest(pack)[0].number == 1


def test_user_text_around_a_hit_is_not_markdown(app, stored):
    data = example()
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] = (
        "<b>hi</b> [a](x) MRN RX12345 **stars**"
    )
    at = app(f"principle:{FIRST.key}", pack_id=stored(data))
    (caption,) = [c for c in at.caption if str(c.value).startswith("Found")]
    raw = str(caption.value)
    assert "\\<b\\>hi\\<\\/b\\>" in raw and "\\[a\\]\\(x\\)" in raw and "\\*\\*stars\\*\\*" in raw  # shown as typed
    assert "RX\\*\\*\\*\\*\\*" in raw and "RX12345" not in raw


# The pure functions -------------------------------------------------------------------------------------------

def _finding(code: str, where: str) -> Finding:
    return Finding(code=code, severity=Severity.ERROR, pointer=where, message="m", hint="h")


def test_contexts_mask_every_identifier_not_only_the_findings() -> None:
    number = nhs_number()
    content = {"actions": [{"action": f"Ring 07700 900123 about {number}; DOB 14/02/1939."}]}
    hits = masking.field_hits(content, "EP801", "/actions/0/action")
    (context,) = hits.contexts()
    assert f"{number[:3]} *** ****" in context and "[date of birth]" in context
    assert number not in context and "900123" not in context and "14/02/1939" not in context
    assert hits.masked_value() == f"Ring 07700 900123 about {number[:3]} *** ****; DOB 14/02/1939."


def test_long_text_is_cut_around_the_hit() -> None:
    number = nhs_number()
    text = "a" * 100 + f" {number} " + "b" * 100
    (context,) = masking.field_hits({"actions": [{"action": text}]}, "EP801", "/actions/0/action").contexts()
    assert context.startswith("…") and context.endswith("…") and len(context) < 100


def test_what_cannot_be_masked_in_place() -> None:
    number = nhs_number()
    content = {"evidence": [{"id": "E1", "source": {"path": f"letters/{number}.pdf"}, "description": "fine"}]}
    assert masking.field_hits(content, "EP801", "/evidence/0/source/path") is None  # a file name: rename it
    assert masking.field_hits(content, "EP801", "/evidence/0/description") is None  # nothing left there
    assert masking.field_hits(content, "EP100", "/evidence/0/description") is None  # not personal data
    assert masking.field_hits(content, "EP801", "/evidence/5/description") is None  # no such item
    assert masking.field_path(content, "/evidence/0/source/path") == ("evidence", 0, "source", "path")
    assert masking.field_path({"a/b": {"~c": 1}}, "/a~1b/~0c") == ("a/b", "~c")


def test_the_pack_s_own_postcodes_are_left_alone() -> None:
    content = {"metadata": {"locations": [{"name": "Larkfield", "postcode": "LS6 2AB"}]},
               "actions": [{"action": "Meet at LS6 2AB, then visit LS7 3QT."}]}
    hits = masking.field_hits(content, "EP809", "/actions/0/action")
    assert hits.masked_value() == "Meet at LS6 2AB, then visit LS7 ***."
    assert masking.masked_summary(content, [_finding("EP809", "/actions/0/action")]) == ["LS7 ***"]
