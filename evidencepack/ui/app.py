"""The evidencepack app: ``evidencepack ui``, or ``streamlit run ui/app.py``.

This file is the router: it asks for sign-in when sign-in is configured (``identity``), opens the store, builds
the menu (st.navigation), draws the sidebar that every page shares, and runs the page the user chose. The pages
live in ``views/``, one module each. (Not in ``pages/``: Streamlit treats a folder of that name beside the entry
script as its older multipage mode, which fights st.navigation.)
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def _package() -> str:
    """The dotted name of the app's package, made importable when Streamlit runs this file as a script."""
    if __package__:
        return __package__
    here = Path(__file__).resolve().parent
    parts = [here.name]
    root = here.parent
    while (root / "__init__.py").exists():
        parts.insert(0, root.name)
        root = root.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return ".".join(parts)


_PACKAGE = _package()


def main(start: str | None = None) -> None:
    """Run one pass of the app; ``start`` names the landing page (tests use it to open a page directly)."""
    # Streamlit and the store load when the app runs, not when the launcher finds this file
    import streamlit as st

    # Streamlit and the store load when the app runs, not when the launcher finds this file
    from evidencepack.store import StoreError

    navigation = importlib.import_module(f"{_PACKAGE}.navigation")
    state = importlib.import_module(f"{_PACKAGE}.state")
    widgets = importlib.import_module(f"{_PACKAGE}.widgets")
    conflict = importlib.import_module(f"{_PACKAGE}.conflict")

    st.set_page_config(page_title="evidencepack", page_icon=":material/checklist:", layout="wide")
    who = state.identity()
    if who.must_sign_in or (who.signed_in and not who.name):
        widgets.sign_in(who)  # nothing else runs: no store, no pack, no save
        st.stop()
    try:
        state.store()
    except StoreError as error:
        st.error(widgets.escape(f"Cannot open the evidence pack store: {error}"))
        st.stop()
    try:
        state.ensure_loaded()
    except StoreError as error:  # the open pack went away (another database, a damaged version)
        state.close_pack()
        st.error(widgets.escape(f"Cannot open the pack: {error}"))
    state.follow_address()
    current = st.navigation(navigation.sections(start), position="top")
    state.show_in_address()
    widgets.accessibility_fixes()
    widgets.remember_name()
    problem = state.address_error()
    if problem:
        st.error(widgets.escape(problem))
    widgets.sidebar()
    conflict.panel()
    widgets.name_prompt()
    current.run()


if __name__ == "__main__":
    main()
