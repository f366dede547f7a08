"""Realistic, deterministic evidence packs for the benchmarks.

Every principle and criterion comes from ``evidencepack.framework.load_framework()`` (the schemas), and the
enumerations (sectors, kinds, categories, ...) from the schema documents: nothing here names a principle or a
criterion, so a seventh principle file is benchmarked without a change here.

A pack made here looks like one a quality lead would submit: full metadata, a digital or service innovation,
40 evidence items with every field filled (dates within the last year, owners, web sources, personal-data
attestations), every criterion but a few answered with a 40-120 word narrative that cites evidence inline
(``[E3]``) and in its list, four outcome measures with baseline, latest and a breakdown by group, and an
action for each gap. ``make_pack(i, seed=...)`` is a pure function of its arguments.

    from packs import make_pack, write_packs
    files = write_packs(Path("/tmp/packs"), 1000, seed=2026)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from pathlib import Path
from typing import Any

from evidencepack.framework import Framework, load_framework

EVIDENCE_ITEMS = 40
MEASURES = 4
NARRATIVE_WORDS = (40, 120)
SUMMARY_WORDS = (30, 60)
SCHEMA_VERSION = "1.0"

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dariusz", "Eleanor", "Femi", "Grace", "Hamza", "Isla", "James", "Kiran", "Leah",
    "Mohammed", "Niamh", "Olu", "Priya", "Rhys", "Sophie", "Tomasz", "Una", "Vikram", "Wendy", "Yusuf", "Zara",
)
LAST_NAMES = (
    "Adeyemi", "Brown", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan",
    "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Smith", "Thomas", "Walsh", "Williams",
)
ROLES = (
    "Registered manager", "Deputy manager", "Quality lead", "Digital lead", "Clinical lead", "Head of nursing",
    "Practice manager", "Lead nurse", "Care coordinator", "Training lead", "Patient experience lead",
    "Information governance lead", "Operations director", "Senior carer",
)
PROVIDER_NAMES = (
    "Riverside Care", "Oakfield Healthcare", "Northgate Medical Practice", "Hillcrest Home Care",
    "Meadowbank Nursing Homes", "Westbrook Community Health", "Harbour View Care", "Elmstead Surgery",
    "Cedar Lodge Care Group", "Brookside Hospice",
)
PLACES = (
    ("Leeds", "LS1 4AP"), ("Manchester", "M14 5RB"), ("Bristol", "BS8 2PS"), ("Newcastle", "NE1 7RU"),
    ("Birmingham", "B15 2TT"), ("Norwich", "NR4 7TJ"), ("Exeter", "EX2 5DW"), ("Sheffield", "S10 2JF"),
    ("Nottingham", "NG7 2UH"), ("London", "SE1 7EH"), ("York", "YO10 5DD"), ("Plymouth", "PL6 8DH"),
)
INNOVATIONS = (
    ("Digital care planning and eMAR", "digital", "CareNotes Digital", "Digital care records and electronic "
     "medicines administration, replacing paper care plans and MAR charts across the service."),
    ("Acoustic monitoring at night", "digital", "NightSense", "Acoustic sensors in bedrooms alert night staff "
     "to distress, falls or wakefulness, so that people are not woken by routine hourly checks."),
    ("Virtual ward for frailty", "service_model", None, "Older people with frailty are cared for at home with "
     "remote monitoring and daily review by a multidisciplinary team instead of being admitted."),
    ("Online triage and care navigation", "digital", "TriageFirst", "Patients request help online or by phone; "
     "requests are triaged the same day and navigated to the right clinician or service."),
    ("Hydration rounds with smart cups", "digital", "SipWell", "Cups that record how much each person drinks "
     "support hydration rounds and alert staff when intake falls below a personal target."),
    ("Rotational carer-apprentice scheme", "workforce", None, "Apprentice carers rotate through home care, "
     "reablement and residential teams, with protected learning time and a named mentor."),
    ("Falls huddles and post-fall protocol", "process", None, "A short daily huddle reviews people at risk of "
     "falling, and a structured post-fall protocol guides staff through the first hour after a fall."),
)
GROUPS = (
    "Aged 65-79", "Aged 80 and over", "Living with dementia", "Most deprived quintile", "Least deprived quintile",
    "Black and minority ethnic groups", "White British", "Limited English", "Sensory loss", "Learning disability",
    "Lives alone", "Women", "Men",
)
MEASURE_TEMPLATES = (
    ("Falls per 1,000 occupied bed days", "falls per 1,000 bed days", "lower_is_better", (6.0, 9.0), -0.3),
    ("Medication administration errors per month", "errors per month", "lower_is_better", (8.0, 14.0), -0.45),
    ("People reporting that they feel involved in their care", "%", "higher_is_better", (62.0, 75.0), 0.15),
    ("Unplanned hospital admissions per 100 people", "admissions per 100 people", "lower_is_better",
     (9.0, 15.0), -0.25),
    ("Staff confident using the new system", "%", "higher_is_better", (40.0, 60.0), 0.5),
    ("Median time from request to first contact", "hours", "lower_is_better", (20.0, 40.0), -0.5),
    ("People with a recorded fluid intake target met", "%", "higher_is_better", (55.0, 70.0), 0.25),
)
TOPICS = (
    "people who use the service", "family carers", "night staff", "the senior care team", "the GP practice",
    "the local authority", "our residents' forum", "the community nursing team", "the medicines team",
    "the practice patient participation group", "our Experts by Experience", "agency staff",
)
# Sentences for narratives. {ev}: a kind of evidence, {cite}: an inline citation, {topic}, {who}, {n}, {pct},
# {month}, {group}, {name}: the innovation's name, {title}: the criterion's title.
SENTENCES = (
    "For '{title}', the {name} project agreed its approach with {topic} in {month}.",
    "The {ev} {cite} sets out what we did, who was involved and what changed as a result.",
    "Over {n} sessions, {topic} told us what worked for them and what did not; we changed the plan twice "
    "because of what we heard {cite}.",
    "{who} leads this work and reports progress to the monthly quality and safety meeting {cite}.",
    "Since go-live, {pct}% of the people we asked said the change had made a positive difference to them.",
    "We compared the results with the baseline from before go-live, and the figures are in the outcome "
    "measures section.",
    "The {ev} was reviewed in {month} and the actions from it are tracked in our improvement plan {cite}.",
    "People in the group '{group}' were considered separately, and we kept the previous route open for anyone "
    "who preferred it.",
    "Staff raised concerns about workload at first; we responded by adding protected time and a named contact "
    "on every shift {cite}.",
    "This is recorded in the {ev} and in the minutes of the project board {cite}.",
    "We learned that the first version did not suit everyone, so we adapted the process for {group} and "
    "checked again after {n} weeks.",
    "Feedback is gathered through a standing route, and the themes are reported back to {topic} every "
    "quarter {cite}.",
    "Where the evidence is weaker we say so, and the action plan shows how we will close the gap.",
    "Our partners in {topic} have seen the results and have agreed to share data with us for the next "
    "review {cite}.",
    "The decision to continue and scale was taken by the leadership team in {month} on the strength of the "
    "{ev} {cite}.",
)
JUSTIFICATIONS = (
    "The innovation does not involve an outside supplier: it was designed and is run by our own staff, so "
    "there is no contract or supplier relationship to assess.",
    "This criterion does not apply at the current stage: the change is delivered within one team and no "
    "partner organisation carries any of its costs or benefits.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _enum(framework: Framework, *path: str) -> list[str]:
    """An ``enum`` from the schema documents, found by a path of keys from a document's root."""
    node: Any = framework.documents
    for key in path:
        node = node[key]
    return list(node["enum"])


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isascii() and ch.isalnum() else " " for ch in text.lower()).split())


def _person(rng: random.Random) -> dict[str, str]:
    return {"name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", "role": rng.choice(ROLES)}


def _cite(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def _text(rng: random.Random, words: tuple[int, int], fill: dict[str, Any], cite_pool: list[str]) -> str:
    """Prose of ``words`` (low, high) words from the sentence bank, citing evidence from ``cite_pool`` inline."""
    target = rng.randint(*words)
    out: list[str] = []
    count = 0
    sentences = list(SENTENCES)
    rng.shuffle(sentences)
    while count < target and sentences:
        template = sentences.pop()
        cite = ""
        if "{cite}" in template:
            cite = _cite(rng.sample(cite_pool, k=min(len(cite_pool), rng.choice((1, 1, 1, 2)))))
        values = {
            **fill,
            "cite": cite,
            "ev": rng.choice(fill["evidence_kinds"]),
            "topic": rng.choice(TOPICS),
            "who": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, our {rng.choice(ROLES).lower()},",
            "n": rng.randint(3, 12),
            "pct": rng.randint(58, 94),
            "month": rng.choice(MONTHS),
            "group": rng.choice(GROUPS).lower(),
        }
        sentence = template.format(**values)
        length = len(sentence.split())
        if count + length > words[1]:
            continue
        out.append(sentence)
        count += length
    return " ".join(out)


def _description(rng: random.Random, title: str, date: dt.date) -> str:
    parts = [
        f"{title[0].upper()}{title[1:]} from {MONTHS[date.month - 1]} {date.year}.",
        f"It covers {rng.randint(12, 240)} responses or records from {rng.choice(TOPICS)}.",
        f"The themes and the actions agreed are summarised on the first page, and the detail for "
        f"{rng.choice(GROUPS).lower()} is shown separately.",
        "Reviewed by the quality lead before it was added to the register.",
    ]
    return " ".join(parts[: rng.randint(2, 4)])


def _evidence(rng: random.Random, framework: Framework, today: dt.date, slug: str) -> list[dict[str, Any]]:
    kinds = _enum(framework, "defs.schema.json", "$defs", "evidenceItem", "properties", "kind")
    categories = list(framework.evidence_categories)
    titles = sorted({t for c in framework.criteria for t in c.typical_evidence})
    items = []
    for number in range(1, EVIDENCE_ITEMS + 1):
        date = today - dt.timedelta(days=rng.randint(7, 360))
        title = rng.choice(titles)
        items.append({
            "id": f"E{number}",
            "title": f"{title[0].upper()}{title[1:]} ({MONTHS[date.month - 1]} {date.year})",
            "description": _description(rng, title, date),
            "kind": rng.choice(kinds),
            "category": categories[(number - 1) % len(categories)] if number <= len(categories)
            else rng.choice(categories),
            "date": date.isoformat(),
            "review_due": (date + dt.timedelta(days=rng.randint(365, 730))).isoformat(),
            "owner": _person(rng),
            "source": {"url": f"https://intranet.{slug}.org.uk/evidence/e{number}-{_slug(title)}"},
            "sha256": f"{rng.getrandbits(256):064x}",
            "personal_data": rng.choice(("none", "none", "none", "consent_recorded")),
        })
    return items


def _by_category(items: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        out.setdefault(item["category"], []).append(item["id"])
    return out


def _measures(rng: random.Random, today: dt.date, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    measures = []
    for name, unit, direction, (low, high), change in rng.sample(MEASURE_TEMPLATES, k=MEASURES):
        baseline = round(rng.uniform(low, high), 1)
        latest = round(baseline * (1 + change * rng.uniform(0.5, 1.0)), 1)
        groups = rng.sample(GROUPS, k=rng.randint(3, 5))
        measures.append({
            "name": name,
            "unit": unit,
            "direction": direction,
            "baseline": {"value": baseline, "date": (today - dt.timedelta(days=rng.randint(300, 360))).isoformat()},
            "latest": {"value": latest, "date": (today - dt.timedelta(days=rng.randint(5, 60))).isoformat()},
            "target": round(baseline * (1 + change), 1),
            "population": f"{rng.randint(40, 400)} people using the service",
            "denominator": rng.randint(40, 400),
            "source": rng.choice(items)["id"],
            "inequalities": True,
            "breakdown": [
                {"group": g, "baseline": round(baseline * rng.uniform(0.8, 1.2), 1),
                 "latest": round(latest * rng.uniform(0.8, 1.2), 1)}
                for g in groups
            ],
            "notes": "Figures are taken monthly from the care record; the breakdown uses the same definitions.",
        })
    return measures


def make_pack(index: int, seed: int = 2026, today: dt.date | None = None,
              framework: Framework | None = None) -> dict[str, Any]:
    """Pack number ``index`` of the series ``seed``, with dates relative to ``today``."""
    framework = framework or load_framework()
    today = today or dt.date.today()
    rng = random.Random(f"{seed}:{index}")
    provider = rng.choice(PROVIDER_NAMES)
    slug = provider.lower().replace(" ", "")
    place, postcode = rng.choice(PLACES)
    name, kind, supplier, summary = rng.choice(INNOVATIONS)
    sectors = _enum(framework, "pack.schema.json", "properties", "metadata", "properties", "provider",
                    "properties", "sector")
    stages = _enum(framework, "pack.schema.json", "properties", "innovation", "properties", "stage")

    items = _evidence(rng, framework, today, slug)
    ids = [item["id"] for item in items]
    by_category = _by_category(items)
    unused = list(ids)
    rng.shuffle(unused)

    criteria = list(framework.criteria)
    order = list(range(len(criteria)))
    rng.shuffle(order)
    unanswered = set(order[: rng.randint(0, 2)])
    not_applicable = set(order[len(unanswered): len(unanswered) + rng.randint(0, 1)])
    gaps = order[len(unanswered) + len(not_applicable):][: rng.randint(2, 4)]
    gap_status = {i: rng.choice(("partly", "partly", "not_yet")) for i in gaps}

    principles: dict[str, Any] = {}
    actions: list[dict[str, Any]] = []
    for number, criterion in enumerate(criteria):
        principle = principles.setdefault(criterion.principle_key, {"criteria": {}})
        if number in unanswered:
            principle["criteria"][criterion.key] = {}
            continue
        if number in not_applicable:
            principle["criteria"][criterion.key] = {
                "status": "not_applicable", "justification": rng.choice(JUSTIFICATIONS)
            }
            continue
        preferred = [e for c in criterion.evidence_categories for e in by_category.get(c, [])] or ids
        listed = rng.sample(preferred, k=min(len(preferred), max(criterion.min_evidence, rng.randint(1, 3))))
        if unused:  # spread the register over the criteria; as in real packs, a few items may stay uncited
            listed.append(unused.pop())
        listed = list(dict.fromkeys(listed))
        fill = {"name": name, "title": criterion.title,
                "evidence_kinds": list(criterion.typical_evidence) or ["evidence"]}
        narrative = _text(rng, NARRATIVE_WORDS, fill, listed + rng.sample(ids, k=2))
        status = gap_status.get(number, "met")
        principle["criteria"][criterion.key] = {"status": status, "narrative": narrative, "evidence": listed}
        if status != "met":
            actions.append({
                "criterion": criterion.id,
                "action": f"Close the gap on '{criterion.title}': collect the "
                          f"{rng.choice(criterion.typical_evidence or ('evidence',))} and review it at the "
                          "next quality meeting.",
                "owner": _person(rng),
                "due": (today + dt.timedelta(days=rng.randint(30, 180))).isoformat(),
                "status": "open",
            })
    for principle in framework.principles:
        fill = {"name": name, "title": principle.short_title,
                "evidence_kinds": [t for c in principle.criteria for t in c.typical_evidence] or ["evidence"]}
        text = _text(rng, SUMMARY_WORDS, fill, ids)
        principles[principle.key] = {"summary": text, **principles.get(principle.key, {"criteria": {}})}

    innovation: dict[str, Any] = {
        "name": name,
        "summary": summary,
        "kind": kind,
        "go_live": (today - dt.timedelta(days=rng.randint(200, 330))).isoformat(),
        "stage": rng.choice([s for s in stages if s not in ("idea", "stopped")] or stages),
    }
    if kind == "digital":
        innovation |= {
            "supplier": supplier,
            "product_version": f"{rng.randint(2, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
            "assurance": {
                "dtac_version": "2.0",
                "dtac_date": (today - dt.timedelta(days=rng.randint(200, 360))).isoformat(),
                "dcb0129_reference": f"{supplier} clinical safety case report v{rng.randint(1, 5)}",
                "dcb0160_reference": f"{provider} clinical safety case CSC-{rng.randint(100, 999)}",
                "dpia_reference": f"DPIA-{today.year}-{rng.randint(10, 99)}",
            },
        }
    return {
        "metadata": {
            "schema_version": SCHEMA_VERSION,
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "title": f"{name}: evidence against the six principles of innovation",
            "version": rng.randint(1, 6),
            "status": "approved",
            "approval": {**_person(rng), "date": (today - dt.timedelta(days=rng.randint(1, 30))).isoformat()},
            "provider": {
                "name": provider,
                "cqc_provider_id": f"1-{rng.randint(100_000_000, 9_999_999_999)}",
                "ods_code": f"{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}{rng.randint(10_000, 99_999)}",
                "sector": rng.choice(sectors),
            },
            "locations": [
                {"name": f"{provider} {place}", "cqc_location_id": f"1-{rng.randint(1_000_000_000, 9_999_999_999)}",
                 "postcode": postcode}
            ],
            "period": {"start": (today - dt.timedelta(days=365)).isoformat(), "end": today.isoformat()},
            "prepared_by": _person(rng),
        },
        "innovation": innovation,
        "evidence": items,
        "principles": principles,
        "measures": _measures(rng, today, items),
        "actions": actions,
    }


def write_packs(folder: Path, count: int, seed: int = 2026, today: dt.date | None = None) -> list[Path]:
    """Write ``count`` packs as ``pack-0000.json``... into ``folder``; return their paths in order."""
    framework = load_framework()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"pack-{index:04d}.json"
        text = json.dumps(make_pack(index, seed, today, framework), indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
