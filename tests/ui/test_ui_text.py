"""Safe text and form glue: user text is inert in markdown, blank fields leave the pack."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st
from ui_support import APP_DIR, app_module, unescape

get_in, set_in = app_module("state").get_in, app_module("state").set_in
escape, humanise = app_module("widgets").escape, app_module("widgets").humanise


@given(st.text())
def test_escaped_text_reads_back_unchanged_and_has_no_live_markdown(text):
    escaped = escape(text)
    assert unescape(escaped) == text.replace("\n", "\n")
    live = [c for i, c in enumerate(escaped) if c in string.punctuation and c != "\\"
            and (i == 0 or escaped[i - 1] != "\\")]
    assert live == []


def test_no_page_allows_html():
    sources = [p.read_text(encoding="utf-8") for p in APP_DIR.rglob("*.py")]
    assert not any("unsafe_allow_html" in s for s in sources)


def test_a_blank_value_removes_the_key_and_the_objects_it_empties():
    data = {"metadata": {"provider": {"name": "X"}, "title": "T"}, "evidence": [{"id": "E1", "owner": {"name": "A"}}]}
    set_in(data, ("metadata", "provider", "name"), "  ")
    set_in(data, ("evidence", 0, "owner", "name"), "")
    assert data == {"metadata": {"title": "T"}, "evidence": [{"id": "E1"}]}


def test_sections_principles_and_criteria_stay_when_emptied():
    data = {"metadata": {"title": "T"}, "principles": {"people": {"criteria": {"co_design": {"status": "met"}}}}}
    set_in(data, ("metadata", "title"), None)
    set_in(data, ("principles", "people", "criteria", "co_design", "status"), None)
    assert data == {"metadata": {}, "principles": {"people": {"criteria": {"co_design": {}}}}}


def test_setting_a_value_creates_the_objects_on_the_way():
    data: dict = {}
    set_in(data, ("innovation", "assurance", "dpia_reference"), "DPIA-1")
    assert get_in(data, ("innovation", "assurance", "dpia_reference")) == "DPIA-1"


def test_enumeration_labels_are_readable():
    assert humanise("nhs_trust") == "NHS trust"
    assert humanise("care_home") == "Care home"
    assert humanise(None) == "—"
