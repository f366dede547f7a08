"""The personal-data gate: identifiers of people in the pack's text and in its attached evidence files.

A pack goes to inspectors, boards and partners; it should show aggregate evidence, never a patient's NHS
number or date of birth. The fields that hold people's names by design (evidence owners, who prepared and who
approved the pack) are staff and are not scanned. What is detected, and the limits, are in docs/security.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from evidencepack.checks.context import CheckContext
from evidencepack.checks.files import is_file, resolve_inside
from evidencepack.findings import Finding, finding, pointer
from evidencepack.model import Pack
from evidencepack.privacy import detect, extract
from evidencepack.privacy.detect import Hit, scan_text, scan_texts
from evidencepack.privacy.extract import SCANNED_SUFFIXES, Extracted, ExtractionError, extract_text

CODES: dict[str, str] = {
    detect.NHS_NUMBER: "EP801",
    detect.NHS_TEST_NUMBER: "EP802",
    detect.DATE_OF_BIRTH: "EP803",
    detect.CHI_NUMBER: "EP804",
    detect.RECORD_NUMBER: "EP805",
    detect.EMAIL: "EP806",
    detect.PHONE: "EP807",
    detect.NAMED_PERSON: "EP808",
    detect.POSTCODE: "EP809",
}
UNSCANNABLE = "EP810"

_PLURAL = {
    detect.NHS_NUMBER: "NHS numbers",
    detect.NHS_TEST_NUMBER: "NHS numbers in the 999 test range",
    detect.DATE_OF_BIRTH: "dates of birth",
    detect.CHI_NUMBER: "CHI numbers",
    detect.RECORD_NUMBER: "hospital or medical record numbers",
    detect.EMAIL: "e-mail addresses",
    detect.PHONE: "phone numbers",
    detect.NAMED_PERSON: "people named with a title",
    detect.POSTCODE: "postcodes",
}
_SHOWN = 3  # masked examples per message
_FILE_HINT = (
    "Remove or mask it in the file (or attach an anonymised version), then record the file's new SHA-256. "
    "If it is not an identifier, reword it so that it does not look like one."
)
_PATH_SEPARATORS = str.maketrans("/\\_-", "    ")

Parts = tuple[str | int, ...]  # the path of a field, for pointer()


def _fields(pack: Pack) -> Iterator[tuple[Parts, str]]:
    """(path, text) of every free-text field the gate scans; cheap, as most fields hold nothing to report."""
    if pack.metadata.title:
        yield ("metadata", "title"), pack.metadata.title
    innovation = pack.innovation
    if innovation.name:
        yield ("innovation", "name"), innovation.name
    if innovation.summary:
        yield ("innovation", "summary"), innovation.summary
    for index, item in enumerate(pack.evidence):
        if item.title:
            yield ("evidence", index, "title"), item.title
        if item.description:
            yield ("evidence", index, "description"), item.description
        if item.source and item.source.path:
            # a file name is words joined by separators: "letters/4010232137.pdf" holds a number all the same
            yield ("evidence", index, "source", "path"), item.source.path.translate(_PATH_SEPARATORS)
    for key, principle in pack.principles.items():
        if principle.summary:
            yield ("principles", key, "summary"), principle.summary
        for ckey, response in principle.criteria.items():
            if response.narrative:
                yield ("principles", key, "criteria", ckey, "narrative"), response.narrative
            if response.justification:
                yield ("principles", key, "criteria", ckey, "justification"), response.justification
    for index, measure in enumerate(pack.measures):
        for name in ("name", "notes", "population"):
            if value := getattr(measure, name):
                yield ("measures", index, name), value
        for group_index, group in enumerate(measure.breakdown):
            if group.group:
                yield ("measures", index, "breakdown", group_index, "group"), group.group
    for index, action in enumerate(pack.actions):
        if action.action:
            yield ("actions", index, "action"), action.action


def _label(pack: Pack, parts: Parts) -> str:
    """What a field is, in words: "the narrative of people.co_design", "the title of evidence E3"."""
    section, *rest = parts
    if section == "metadata":
        return "the pack's title"
    if section == "innovation":
        return f"the innovation's {rest[0]}"
    if section == "evidence":
        item_id = pack.evidence[int(rest[0])].id
        return f"the file name of evidence {item_id}" if rest[1] == "source" else f"the {rest[1]} of evidence {item_id}"
    if section == "principles":
        return f"the summary of {rest[0]}" if rest[1] == "summary" else f"the {rest[3]} of {rest[0]}.{rest[2]}"
    if section == "measures":
        number = int(rest[0]) + 1
        return f"a group of measure {number}" if rest[1] == "breakdown" else f"the {rest[1]} of measure {number}"
    return f"action {int(rest[0]) + 1}"


def text_fields(pack: Pack) -> Iterator[tuple[str, str, str]]:
    """Every free-text field the gate scans: (JSON pointer, what it is in words, text).

    Not scanned: owners, prepared_by and approval (staff names, expected), identifiers of the provider and its
    locations (checked by EP4xx), URLs and dates.
    """
    for parts, text in _fields(pack):
        yield pointer(*parts), _label(pack, parts), text


def own_postcodes(pack: Pack) -> frozenset[str]:
    """The pack's own locations' postcodes, normalised (answered on the model: ``Pack.own_postcodes``)."""
    return pack.own_postcodes()


def _by_kind(hits: list[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.kind, []).append(hit)
    return grouped


def _listing(shown: list[str], total: int) -> str:
    more = total - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _field_findings(where: str, label: str, hits: list[Hit]) -> Iterator[Finding]:
    for kind, found in _by_kind(hits).items():
        masked = [h.masked_text for h in found[:_SHOWN]]
        if len(found) == 1:
            message = f"possible {detect.LABEL[kind]} in {label}: {masked[0]}"
        else:
            message = f"{len(found)} possible {_PLURAL[kind]} in {label}: {_listing(masked, len(found))}"
        yield finding(CODES[kind], where, message)


def _file_findings(where: str, about: str, extracted: Extracted, hits: list[Hit]) -> Iterator[Finding]:
    for kind, found in _by_kind(hits).items():
        if len(found) == 1:
            hit = found[0]
            message = f"{about}, {extracted.where(hit.start)}: possible {detect.LABEL[kind]} {hit.masked_text}"
        else:
            shown = [f"{extracted.where(h.start)} ({h.masked_text})" for h in found[:_SHOWN]]
            message = f"{about} has {len(found)} possible {_PLURAL[kind]}: {_listing(shown, len(found))}"
        yield finding(CODES[kind], where, message, hint=_FILE_HINT)


def _size(chars: int) -> str:
    megabytes = chars / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{chars:,} characters"


def _attached_files(ctx: CheckContext, own: frozenset[str]) -> Iterator[Finding]:
    base_dir = ctx.options.base_dir
    if not ctx.options.check_files or base_dir is None:
        return
    for index, item in enumerate(ctx.pack.evidence):
        relative = item.source.path if item.source else None
        if not relative or Path(relative).suffix.lower() not in SCANNED_SUFFIXES:
            continue
        target = resolve_inside(base_dir, relative)
        if target is None or not is_file(target):
            continue  # EP701 and EP702 report these
        where = pointer("evidence", index, "source", "path")
        about = f"evidence {item.id}: file {relative!r}"
        try:
            extracted = extract_text(target)
        except ExtractionError as exc:
            yield finding(UNSCANNABLE, where, f"{about} could not be checked for personal data: {exc}")
            continue
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            yield finding(UNSCANNABLE, where, f"{about} could not be checked for personal data: {reason}")
            continue
        if extracted is None:
            continue
        hits = scan_text(extracted.text, own_postcodes=own)
        if hits:
            yield from _file_findings(where, about, extracted, hits)
        if extracted.truncated:
            yield finding(
                UNSCANNABLE,
                where,
                f"{about} is longer than the gate reads: only its first {_size(extract.MAX_TEXT_CHARS)} of text "
                "was checked",
            )


def personal_data(ctx: CheckContext) -> Iterator[Finding]:
    own = own_postcodes(ctx.pack)
    found = scan_texts([text for _, text in _fields(ctx.pack)], own_postcodes=own)
    if any(found):  # the fields' paths are walked again only when there is something to report
        for (parts, _), hits in zip(_fields(ctx.pack), found, strict=True):
            if hits:
                yield from _field_findings(pointer(*parts), _label(ctx.pack, parts), hits)
    yield from _attached_files(ctx, own)


CHECKS = (personal_data,)
