"""Shared widgets: form fields bound to a place in the pack, findings, the sidebar, safe text.

Every field widget is keyed by the pack path it edits and saves on change (``state.change``), so closing
the tab loses at most the field being typed. Enumerations, lengths and help come from the schemas; nothing
here names a principle, a criterion or an allowed value.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import string
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from evidencepack import workflow
from evidencepack.findings import Finding
from evidencepack.framework import Framework, load_framework, schema_at
from evidencepack.workflow import labels, masking

from . import identity, state

# -- safe text -------------------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def escape(text: Any) -> str:
    """User text made inert for Streamlit markdown: no links, images, HTML, emphasis, LaTeX or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def humanise(value: Any) -> str:
    """An enumeration value as a label: ``care_home`` → ``Care home``, ``nhs_trust`` → ``NHS trust``."""
    return "—" if value is None else labels.enum_words(value)


# -- the schemas, for options and limits ------------------------------------------------------------------------

def framework() -> Framework:
    return load_framework()


def schema_node(path: state.Path) -> dict[str, Any]:
    """The schema of the value at ``path`` in a pack; {} if unknown."""
    return schema_at(framework(), path)


def enum_options(path: state.Path) -> list[str]:
    return list(schema_node(path).get("enum", []))


def max_chars(path: state.Path) -> int | None:
    value = schema_node(path).get("maxLength")
    return int(value) if isinstance(value, int) else None


# -- fields bound to the pack ------------------------------------------------------------------------------------

def field_help(path: state.Path) -> str | None:
    """The help shown beside a field: its ``description`` in the schemas, the one place help is written."""
    value = schema_node(path).get("description")
    return value if isinstance(value, str) and value else None


def key(path: state.Path) -> str:
    """The widget key for a pack path; it changes when the working copy is replaced (new generation)."""
    return f"f{state.gen()}|" + "/".join(str(p) for p in path)


def _text_changed(widget_key: str, path: state.Path) -> None:
    state.change(path, st.session_state.get(widget_key))


def text(label: str, path: state.Path, *, long: bool = False, help: str | None = None,
         placeholder: str | None = None, height: int | None = None) -> None:
    help = help or field_help(path)
    widget_key = key(path)
    current = state.get_in(state.data(), path)
    common = dict(
        label=label, value="" if current is None else str(current), key=widget_key, help=help,
        max_chars=max_chars(path), placeholder=placeholder, on_change=_text_changed, args=(widget_key, path),
        disabled=state.read_only(),
    )
    if long:
        st.text_area(**common, height=height)
    else:
        st.text_input(**common)


def _choice_changed(widget_key: str, path: state.Path) -> None:
    state.change(path, st.session_state.get(widget_key))


def choice(label: str, path: state.Path, options: Sequence[Any] | None = None, *,
           format_func: Callable[[Any], str] = humanise, help: str | None = None) -> None:
    """A select box whose first option, "—", removes the field."""
    help = help or field_help(path)
    labels_ = schema_node(path).get("x-labels")
    if format_func is humanise and isinstance(labels_, dict):  # the schemas name these values themselves
        format_func = lambda value: labels_.get(value) or humanise(value)  # noqa: E731
    values = list(options if options is not None else enum_options(path))
    current = state.get_in(state.data(), path)
    if current is not None and current not in values:  # keep an unexpected value visible rather than fail
        values.append(current)
    choices = [None, *values]
    widget_key = key(path)
    st.selectbox(
        label, choices, index=choices.index(current) if current in choices else 0, key=widget_key,
        format_func=format_func, help=help, on_change=_choice_changed, args=(widget_key, path),
        disabled=state.read_only(),
    )


def _date_changed(widget_key: str, path: state.Path) -> None:
    value = st.session_state.get(widget_key)
    state.change(path, value.isoformat() if isinstance(value, dt.date) else None)


def parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def date(label: str, path: state.Path, *, help: str | None = None) -> None:
    """A date field that may be empty; the pack holds an ISO date or nothing."""
    help = help or field_help(path)
    widget_key = key(path)
    raw = state.get_in(state.data(), path)
    current = parse_date(raw)
    if raw is not None and current is None:  # kept in the pack and flagged, never dropped
        st.warning(escape(f"The stored value “{raw}” is not a date; pick one to replace it (DD/MM/YYYY)."))
    st.date_input(
        label, value=current, key=widget_key, help=help, format="DD/MM/YYYY",
        min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
        on_change=_date_changed, args=(widget_key, path), disabled=state.read_only(),
    )


def _tidy_number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def parse_number(text: str) -> float | int | None:
    """A number as people type it ("1,250", "4.5", "66.7%", " -3 "); None when it is not one."""
    cleaned = text.strip().replace(",", "").replace(" ", "").removesuffix("%")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return _tidy_number(value) if math.isfinite(value) else None


def _number_changed(widget_key: str, path: state.Path, minimum: float | None) -> None:
    raw = str(st.session_state.get(widget_key) or "")
    if not raw.strip():
        state.clear_unreadable(path)
        state.change(path, None)
        return
    value = parse_number(raw)
    if value is None or (minimum is not None and value < minimum):
        state.keep_unreadable(path, raw)  # kept and flagged, never dropped; the pack keeps its last good value
        return
    state.clear_unreadable(path)
    state.change(path, value)


def number(label: str, path: state.Path, *, help: str | None = None, min_value: float | None = None) -> None:
    """A number field that keeps what cannot be read as a number, and says so, instead of dropping it."""
    help = help or field_help(path)
    widget_key = key(path)
    current = state.get_in(state.data(), path)
    minimum = schema_node(path).get("minimum", min_value)
    pending = state.unreadable(path)
    shown = pending if pending is not None else ("" if current is None else f"{current:g}" if isinstance(
        current, int | float) else str(current))
    st.text_input(label, value=shown, key=widget_key, help=help, placeholder="A number, such as 12 or 4.5",
                  on_change=_number_changed, args=(widget_key, path, minimum), disabled=state.read_only())
    if pending is not None:
        need = f" of at least {minimum:g}" if minimum is not None else ""
        st.warning(escape(f"“{pending}” is not read as a number{need}, so it is not saved. What you typed is "
                          "kept here: correct it to save."))
    elif current is not None and not isinstance(current, int | float):
        st.warning(escape(f"The stored value “{current}” is not a number; type one to replace it."))


def _flag_changed(widget_key: str, path: state.Path) -> None:
    state.change(path, True if st.session_state.get(widget_key) else None)


def flag(label: str, path: state.Path, *, help: str | None = None) -> None:
    """A checkbox: ticked stores ``true``, unticked removes the field."""
    help = help or field_help(path)
    widget_key = key(path)
    st.checkbox(
        label, value=bool(state.get_in(state.data(), path)), key=widget_key, help=help,
        on_change=_flag_changed, args=(widget_key, path), disabled=state.read_only(),
    )


def evidence_label(content: dict[str, Any]) -> Callable[[str], str]:
    titles = {str(i.get("id")): i.get("title") or "(untitled)" for i in content.get("evidence", [])}

    def label(evidence_id: str) -> str:
        title = titles.get(evidence_id)
        return f"{evidence_id} · {title}" if title else f"{evidence_id} · not in the register"

    return label


def _picker_changed(widget_key: str, path: state.Path) -> None:
    state.change(path, list(st.session_state.get(widget_key) or []))


def evidence_picker(label: str, path: state.Path, *, help: str | None = None) -> None:
    """A multiselect of the register's ids (with titles); ids cited but missing stay visible, flagged."""
    help = help or field_help(path)
    content = state.data()
    current = [str(e) for e in state.get_in(content, path) or []]
    ids = state.evidence_ids(content)
    options = ids + [e for e in current if e not in ids]
    widget_key = key(path)
    st.multiselect(
        label, options, default=current, key=widget_key, format_func=evidence_label(content), help=help,
        on_change=_picker_changed, args=(widget_key, path), disabled=state.read_only(),
        placeholder="Choose evidence from the register",
    )


def evidence_choice(label: str, path: state.Path, *, help: str | None = None) -> None:
    content = state.data()
    choice(label, path, state.evidence_ids(content), format_func=lambda v: "—" if v is None
           else evidence_label(content)(v), help=help)


# -- findings ------------------------------------------------------------------------------------------------

_SHOW = {"error": st.error, "warning": st.warning, "info": st.info}


def finding_text(found: Finding) -> str:
    """A finding in plain words: what is wrong (criterion keys as titles) and the fix. Codes, pointers and points
    are left to :func:`finding_details`."""
    text_ = labels.plain(found.message)
    text_ = text_[:1].upper() + text_[1:]
    if found.hint:
        text_ += f"\nFix: {labels.plain(found.hint)}"
    return text_


def finding_details(items: Sequence[Finding], content: dict[str, Any] | None = None) -> None:
    """The codes, places and points of ``items``, in one collapsed table (for looking a code up in docs/rules.md)."""
    if not items:
        return
    with st.expander("Details: finding codes and places"):
        st.dataframe([{"code": f.code, "place": labels.place(f.pointer, content), "pointer": f.pointer or "/",
                       "points": f.points or None, "message": f.message} for f in items],
                     hide_index=True, width="stretch")


def findings(items: Sequence[Finding], *, empty: str | None = None, scope: str = "f") -> None:
    """Each finding, in its severity's colour; a personal-data finding also shows each hit (masked) and offers
    to mask it. ``scope`` keeps button keys apart when a page shows the same finding twice."""
    if not items and empty:
        st.success(empty)
    for found in items:
        _SHOW.get(found.severity.value, st.info)(escape(finding_text(found)))
        personal_data_fix(found, scope)
    finding_details(items, state.data())


def _mask(code: str, json_pointer: str) -> None:
    """Replace the hits behind a personal-data finding with their masked forms, and save."""
    hits = masking.field_hits(state.data(), code, json_pointer)
    if hits is None or state.read_only():
        st.toast("Nothing was masked: the text has changed, or the pack is read-only.")
        return
    value = hits.masked_value()
    if state.edit(lambda content: state.set_in(content, hits.path, value)):
        shown = ", ".join(h.masked_text for h in hits.hits)
        st.toast(escape(f"Masked ({masking.kind_words_for(code)}): the text now reads {shown}"))


def personal_data_fix(found: Finding, scope: str = "f") -> None:
    """For a personal-data finding: each hit in its context (everything found masked) and a Mask button."""
    if not masking.is_personal_data(found):
        return
    hits = masking.field_hits(state.data(), found.code, found.pointer)
    if hits is None:
        if found.pointer.endswith("/source/path"):
            st.caption("The file's name looks like personal data: rename the file, then change its path here.")
        return
    for context in hits.contexts():
        st.caption(escape(f"Found: {context}"))
    count = len(hits.hits)
    st.button(
        "Mask it" if count == 1 else f"Mask all {count}",
        key=f"ep.mask.{scope}.{state.rev()}.{found.code}{found.pointer}", on_click=_mask,
        args=(found.code, found.pointer), disabled=state.read_only(),
        help="Replace it in the text with the masked form shown (digits hidden) and save a new version.",
    )


def under(pointer_prefix: str, items: Sequence[Finding]) -> list[Finding]:
    """Findings at ``pointer_prefix`` or below it."""
    return [f for f in items if f.pointer == pointer_prefix or f.pointer.startswith(pointer_prefix + "/")]


# -- page furniture ----------------------------------------------------------------------------------------------

def need_pack() -> bool:
    """Show a pointer to the Packs page and return False when no pack is open."""
    state.ensure_loaded()
    if state.is_open():
        return True
    st.info("Open or create a pack on the Packs page first.")
    return False


def read_only_notice() -> None:
    reason = state.read_only_reason()
    if reason:
        st.info(reason)


def score_bar(label: str, value: float | None, band: str = "") -> None:
    if value is None:
        st.progress(0, text=f"{label}: not applicable")
    else:
        shown = f"{value:g}" + (f" ({band})" if band else "")
        st.progress(min(1.0, max(0.0, value / 100)), text=f"{label}: {shown}")


def sidebar() -> None:
    """Always visible: the pack, the save state, where it stands (``workflow.pack_standing``, the one place that
    reads the score), what blocks it, and the next step."""
    with st.sidebar:
        _who()
        if not state.is_open():
            st.caption("No pack open")
            return
        content = state.data()
        title = content.get("metadata", {}).get("title") or "Untitled pack"
        st.markdown(f"**{escape(title)}**")
        saved = state.save_state()
        (st.caption if saved.saved else st.warning)(escape(saved.text), **({"icon": "⚠️"} if not saved.saved else {}))
        standing = workflow.pack_standing(state.result())
        if not standing.scored:
            st.error("Not scored: the pack does not match the schema. See the Review page.")
        else:
            st.markdown(f"**{escape(standing.headline)}**")
            score_bar("Overall", standing.value)
            st.markdown(f"Readiness: **{escape(standing.band)}**")
            for principle in standing.principles:
                score_bar(principle.title, principle.value, principle.band)
        if standing.blocking:
            count = len(standing.blocking)
            st.markdown(f"**{count} problem{'s' if count != 1 else ''} to fix before export**")
        if standing.next_step:
            st.markdown(f"**Next step:** {escape(standing.next_step)}")


def _who() -> None:
    who = state.identity()
    if who.signed_in:
        st.caption(f"Signed in as {escape(who.saved_by)}")
        if st.button("Sign out", key="ep.logout"):
            st.logout()
    elif who.name:
        st.caption(f"Saving as {escape(who.name)}")


def sign_in(who: identity.Identity) -> None:
    """The whole page while sign-in is configured and nobody is signed in (or the sign-in names nobody)."""
    st.title("evidencepack")
    if who.signed_in:  # signed in, but the provider gave no name, e-mail address or user name
        st.error("Your sign-in did not say who you are (no name or e-mail address), so nothing you do could be "
                 "recorded under your name. Ask whoever runs this app to request the 'profile' and 'email' "
                 "scopes from the sign-in provider.")
        if st.button("Sign out", key="ep.logout"):
            st.logout()
        return
    st.info("Sign in to continue. The app records who saved each version and who approved a pack, under the "
            "name your organisation's sign-in gives.")
    for provider in identity.providers(identity.streamlit_secrets()):
        label = "Sign in" if provider is None else f"Sign in with {escape(provider)}"
        if st.button(label, key=f"ep.login.{provider or 'default'}", type="primary"):
            try:
                st.login(provider)
            except Exception as error:  # noqa: BLE001 - a sign-in set-up problem is shown, not raised
                st.error(escape(f"Sign-in is not working: {error}"))


# Streamlit draws its page menu, at phone width, as <ul><div><li>...: a list whose items are wrapped in divs,
# which screen readers announce wrongly (axe-core "list" and "listitem"); no upstream issue names it yet (the
# general one is streamlit/streamlit#8399, "Basic accessibility web features").
# This gives the wrappers the list-item role and the inner <li> none, so the list reads as a list; attributes
# only, so React's own tree is untouched.
_LIST_FIX = """<script>
if (!window.__epListFix) {
  window.__epListFix = true;
  const fix = () => document.querySelectorAll('ul').forEach((list) => {
    for (const child of list.children) {
      if (child.tagName === 'LI' || child.tagName === 'SCRIPT' || child.tagName === 'TEMPLATE') continue;
      if (child.getAttribute('role') !== 'listitem') child.setAttribute('role', 'listitem');
      child.querySelectorAll(':scope > li').forEach((item) => item.setAttribute('role', 'none'));
    }
  });
  fix();
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
}
</script>"""


def accessibility_fixes() -> None:
    """Attribute fixes for Streamlit's own markup that axe-core finds at fault (see the note above)."""
    st.html(_LIST_FIX, unsafe_allow_javascript=True)


def remember_name() -> None:
    """Keep a newly typed name in a cookie of this browser (a year), so that a reload does not forget it."""
    slot = st.empty()  # always one element here, so that the page below keeps its shape (and its open tab)
    name = state.name_to_remember()
    if name is None:
        return
    value = json.dumps(urllib.parse.quote(name, safe=""))
    slot.html(f"<script>document.cookie = '{state.NAME_COOKIE}=' + {value} + "
            "'; path=/; max-age=31536000; SameSite=Strict';</script>", unsafe_allow_javascript=True)


def name_prompt() -> None:
    """Ask who is saving, once per session, the first time a save needs it."""
    if not state.needs_name():
        return
    st.warning("Your change is not saved yet: enter your name. It is recorded with every version you save.")
    widget_key = "ep.name_prompt"
    st.text_input("Your name", key=widget_key, max_chars=200,
                  on_change=lambda: state.set_user(st.session_state.get(widget_key) or ""))
