"""The six steps and what is done, read from the pack and its check."""

from __future__ import annotations

from evidencepack.options import CheckOptions
from evidencepack.result import check_document
from evidencepack.workflow import checklist, example_pack, new_blank_pack, pack_standing


def _steps(content, exported=False):
    return {s.key: s for s in checklist(content, check_document(content, CheckOptions(check_files=False)),
                                        exported=exported)}


def test_a_blank_pack_has_nothing_done_but_review():
    steps = _steps(new_blank_pack(""))
    assert [k for k, s in steps.items() if s.done] == ["review"]  # a blank pack has no errors yet
    assert steps["details"].progress == "0 of 4"
    assert steps["principles"].progress.startswith("0 of ")


def test_the_example_has_details_evidence_and_outcomes_done_and_export_follows_the_log():
    content = example_pack("care-home-digital-care-planning.json")
    steps = _steps(content)
    assert steps["details"].done and steps["evidence"].done and steps["outcomes"].done
    assert not steps["export"].done
    assert _steps(content, exported=True)["export"].done


def test_the_standing_names_a_next_step_and_the_blocking_problems():
    content = example_pack("care-home-digital-care-planning.json")
    content["metadata"]["provider"]["cqc_provider_id"] = "12345"
    standing = pack_standing(check_document(content, CheckOptions(check_files=False)))
    assert standing.blocking and standing.next_step.startswith("Fix the errors first")
    assert [p.title for p in standing.principles][0].startswith("1. ")


def test_the_headline_starts_with_the_band_in_words_as_a_sentence_does():
    content = example_pack("care-home-digital-care-planning.json")
    result = check_document(content, CheckOptions(check_files=False))
    standing = pack_standing(result)
    label = result.score.band_label
    assert standing.headline == f"{label[0].upper()}{label[1:]} ({result.score.overall:g})"
    assert standing.headline[0].isupper()
