"""The calibration set: invented packs from weak to strong across sectors, with the band each should get.

Written before the assessment's numbers were tuned, from what a reader of the single assessment framework
would expect of each pack; the tests fail when the assessment disagrees. ``TIERS`` gives the expected order:
every pack in a later tier must rank above every pack in an earlier one (rank = band, then percentage).
"""

from __future__ import annotations

from cal_builder import Spec, outcome_measure

SAFE = {"dtac_version": "DTAC 2024", "dtac_date": "2025-03-01", "dcb0129_reference": "Supplier CSC v3",
        "dcb0160_reference": "Trust CSC-7 (approved)", "dpia_reference": "DPIA-2025-02 (approved)",
        "dpia_status": "approved", "safety_case_status": "approved"}
FALLS = outcome_measure("Falls at night", 8.2, 5.1, breakdown=[
    {"group": "aged 85 and over", "baseline": 9.4, "latest": 5.6},
    {"group": "living with dementia", "baseline": 10.1, "latest": 6.0}], inequalities=True)

SPECS: dict[str, Spec] = {
    # Weak: hardly started, or claims with nothing behind them.
    "01-home-care-idea": Spec("01", "home_care", "Digital rota swaps", stage="idea", default="blank",
                              criteria={"people.co_design": "partly"}),
    "02-gp-claims-only": Spec("02", "gp_practice", "Care navigators at reception", default="claim"),
    # Some shortfalls: descriptions only; half gaps; good records but nothing on outcomes; stale; unfit.
    "03-care-home-descriptions": Spec("03", "care_home", "Hydration rounds", default="describe"),
    "04-dental-half-gaps": Spec("04", "dental", "Text reminders for check-ups",
                                principles={"share": "gap", "outcomes": "gap", "change": "gap"}),
    "05-community-no-outcomes": Spec("05", "community_health", "Wound care app photos", default="records",
                                     principles={"outcomes": "undocumented", "change": "partly"}),
    "11-ambulance-stale": Spec("11", "ambulance", "Falls pick-up service", default="records2",
                               evidence_date="2019-05"),
    "13-hospital-unfit": Spec("13", "independent_hospital", "Pre-op video call", default="unfit"),
    "07-trust-digital-open-risks": Spec("07", "nhs_trust", "Virtual ward monitoring", kind="digital",
                                        default="records2", measures=[FALLS],
                                        assurance={"dtac_version": "DTAC 2024", "dcb0129_reference": "Supplier CSC",
                                                   "dpia_reference": "DPIA draft v0.3"}),
    # Good standard: fitting, current records across the framework.
    "06-hospice-no-measures": Spec("06", "hospice", "Night sitting volunteers", default="records2"),
    "08-trust-digital-assured": Spec("08", "nhs_trust", "Virtual ward monitoring", kind="digital",
                                     default="records2", measures=[FALLS], assurance=SAFE),
    "09-mental-health-measured": Spec("09", "mental_health", "Peer support in crisis", default="records2",
                                      measures=[FALLS], criteria={"outcomes.baseline_followup": "measured"}),
    "12-care-home-honest-worse": Spec("12", "care_home", "Night-time checks by sensor", default="records2",
                                      measures=[outcome_measure("Falls at night", 5.0, 6.5)]),
    "14-home-care-some-na": Spec("14", "home_care", "Medication prompts by phone", default="records2",
                                 criteria={"change.supplier_relationship": "na", "support.external_support": "na"},
                                 reasons={
                                     "change.supplier_relationship": "The prompts are made by our own care staff "
                                     "on ordinary phones; there is no supplier or product contract involved.",
                                     "support.external_support": "It needed no outside money or expertise: two "
                                     "senior carers designed it within their existing hours and budget.",
                                 }),
    "15-hospice-kinds-only": Spec("15", "hospice", "Night sitting volunteers", default="records2", categories=False),
    # Exceptional: measured change and independent evaluation, corroborated, across the framework.
    "10-mental-health-evaluated": Spec("10", "mental_health", "Crisis café", default="evaluated",
                                       measures=[FALLS], personal_data=False),
}

EXPECTED_BAND = {
    "01-home-care-idea": "significant_shortfalls",
    "02-gp-claims-only": "significant_shortfalls",
    "03-care-home-descriptions": "some_shortfalls",
    "04-dental-half-gaps": "some_shortfalls",
    "05-community-no-outcomes": "some_shortfalls",
    "11-ambulance-stale": "some_shortfalls",
    "13-hospital-unfit": "some_shortfalls",
    "07-trust-digital-open-risks": "some_shortfalls",
    "06-hospice-no-measures": "good",
    "08-trust-digital-assured": "good",
    "09-mental-health-measured": "good",
    "12-care-home-honest-worse": "good",
    "14-home-care-some-na": "good",
    "15-hospice-kinds-only": "good",
    "10-mental-health-evaluated": "exceptional",
}

TIERS = [
    ["01-home-care-idea", "02-gp-claims-only"],
    ["03-care-home-descriptions", "04-dental-half-gaps", "05-community-no-outcomes", "11-ambulance-stale",
     "13-hospital-unfit", "07-trust-digital-open-risks"],
    ["06-hospice-no-measures", "08-trust-digital-assured", "09-mental-health-measured",
     "12-care-home-honest-worse", "14-home-care-some-na", "15-hospice-kinds-only"],
    ["10-mental-health-evaluated"],
]

# Pairs where the first must rank above the second, each for a stated reason.
ABOVE = [
    ("09-mental-health-measured", "06-hospice-no-measures", "outcome measures with a baseline and follow-up count"),
    ("12-care-home-honest-worse", "06-hospice-no-measures", "reporting a bad result never scores below none"),
    ("08-trust-digital-assured", "07-trust-digital-open-risks", "an open safety or data-protection gap caps"),
    ("06-hospice-no-measures", "11-ambulance-stale", "current evidence beats evidence years older than the period"),
    ("03-care-home-descriptions", "02-gp-claims-only", "a described intention beats a bare claim"),
    ("06-hospice-no-measures", "15-hospice-kinds-only", "an item's own category fits where its kind alone may not"),
]
