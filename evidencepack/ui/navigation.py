"""The app's pages: one entry per page module, and one principle page per principle in the framework.

Pages are named (``packs``, ``principle:people``, ...) so that other pages can send the user to them with
:func:`go`, for example from a finding to the field that needs work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import streamlit as st

from evidencepack.framework import load_framework

from . import routing
from .views import (
    actions,
    approval,
    details,
    evidence,
    export,
    history,
    inspector,
    outcomes,
    packs,
    principle,
    review,
)


@dataclass(frozen=True)
class PageSpec:
    name: str
    title: str
    icon: str
    url_path: str
    section: str
    render: Callable[[], None]


def _principle_render(key: str) -> Callable[[], None]:
    def render() -> None:
        principle.render(key)

    render.__name__ = f"principle_{key}"
    return render


@cache
def specs() -> tuple[PageSpec, ...]:
    """Every page, in menu order. The principle pages come from the framework (the schemas)."""
    fixed_before = [
        PageSpec("packs", "Packs", ":material/folder_open:", "packs", "Packs", packs.render),
        PageSpec("details", "Details", ":material/badge:", "details", "This pack", details.render),
    ]
    principles = [
        PageSpec(f"principle:{p.key}", f"{p.number}. {p.short_title}", ":material/checklist:", f"principle-{p.key}",
                 "Principles", _principle_render(p.key))
        for p in load_framework().principles
    ]
    fixed_after = [
        PageSpec("evidence", "Evidence register", ":material/inventory_2:", "evidence", "Evidence and outcomes",
                 evidence.render),
        PageSpec("outcomes", "Outcomes", ":material/monitoring:", "outcomes", "Evidence and outcomes",
                 outcomes.render),
        PageSpec("actions", "Action plan", ":material/task_alt:", "actions", "Evidence and outcomes",
                 actions.render),
        PageSpec("review", "Review", ":material/fact_check:", "review", "Finish", review.render),
        PageSpec("approval", "Approval", ":material/verified:", "approval", "Finish", approval.render),
        PageSpec("export", "Export", ":material/download:", "export", "Finish", export.render),
        PageSpec("history", "History", ":material/history:", "history", "Finish", history.render),
        PageSpec("inspector", "Check a document", ":material/policy:", "inspector", "Inspector", inspector.render),
    ]
    return (*fixed_before, *principles, *fixed_after)


def page(name: str, *, default: bool = False) -> st.Page:
    spec = next(s for s in specs() if s.name == name)
    return st.Page(spec.render, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=default)


def sections(start: str | None = None) -> dict[str, list[st.Page]]:
    """The menu for st.navigation; ``start`` names the landing page (default: Packs)."""
    start = start or "packs"
    menu: dict[str, list[st.Page]] = {}
    for spec in specs():
        menu.setdefault(spec.section, []).append(page(spec.name, default=spec.name == start))
    return menu


routing.install(page)
