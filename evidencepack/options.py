"""Settings a user can change for one run of the checks and the scorer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class CheckOptions(BaseModel):
    """Options for validate and score. Unset values fall back to the schemas' defaults (``x-scoring``)."""

    model_config = ConfigDict(frozen=True)

    today: dt.date = Field(default_factory=dt.date.today)
    evidence_max_age_days: int | None = None
    ready_threshold: float | None = None
    nearly_ready_threshold: float | None = None
    check_files: bool = True
    base_dir: Path | None = None
    schema_dir: Path | None = None
