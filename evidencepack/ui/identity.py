"""Who is using the app: the person signed in through Streamlit's OpenID Connect login, or a typed name.

The app keeps no passwords. When sign-in is configured (an ``[auth]`` section in ``.streamlit/secrets.toml``),
the app requires it, and every saved version, approval and export override records the signed-in person.
Without it, the app asks for a name on the first save, as a label rather than a proof of identity.

The decision is :func:`current_identity`, a pure function of plain values (the secrets, ``st.user`` as a dict,
the typed name), so that it can be tested with real values; :func:`from_streamlit` reads those values from the
running app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Keys of a provider's own settings; an ``[auth]`` section that holds them names the default provider.
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class Identity:
    """The person the app records.

    ``auth``: sign-in is configured. ``signed_in``: someone is signed in (only with ``auth``). ``name``: the name
    written into the pack (approvals, export overrides), "" when nobody is known. ``email``: from the sign-in,
    when the provider gives one. ``saved_by``: what the store records with each version.
    """

    auth: bool
    signed_in: bool
    name: str
    email: str = ""

    @property
    def must_sign_in(self) -> bool:
        """Sign-in is configured and nobody is signed in: the app shows only the sign-in prompt."""
        return self.auth and not self.signed_in

    @property
    def saved_by(self) -> str:
        """The name with the e-mail address, when the sign-in gave both ("Ana Quality (ana@example.org)")."""
        if self.email and self.name and self.email != self.name:
            return f"{self.name} ({self.email})"
        return self.name


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def auth_section(secrets: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The ``[auth]`` section of the secrets, when it is a non-empty table."""
    try:
        section = secrets.get("auth")
    except Exception:  # noqa: BLE001 - unreadable secrets mean no sign-in, never a crash
        return None
    return section if isinstance(section, Mapping) and len(section) > 0 else None


def auth_configured(secrets: Mapping[str, Any]) -> bool:
    return auth_section(secrets) is not None


def providers(secrets: Mapping[str, Any]) -> list[str | None]:
    """The providers to offer: None for the default one (settings directly under ``[auth]``), then each named
    ``[auth.NAME]`` table. Empty when sign-in is not configured."""
    section = auth_section(secrets)
    if section is None:
        return []
    found: list[str | None] = [None] if any(key in section for key in _PROVIDER_KEYS) else []
    found += sorted(str(key) for key, value in section.items() if isinstance(value, Mapping))
    return found or [None]


def current_identity(secrets: Mapping[str, Any], user: Mapping[str, Any], typed_name: str = "") -> Identity:
    """Who the app records, from the secrets, ``st.user`` (as a dict) and the name typed in this session.

    - No sign-in configured: the typed name (``user`` is ignored: without ``[auth]`` it is not an identity).
    - Sign-in configured but nobody signed in: nobody (the typed name does not count).
    - Signed in: the provider's ``name`` claim, else ``email``, else ``preferred_username``; the e-mail address
      is kept beside it for the store's record.
    """
    if not auth_configured(secrets):
        return Identity(auth=False, signed_in=False, name=_text(typed_name))
    if user.get("is_logged_in") is not True:
        return Identity(auth=True, signed_in=False, name="")
    email = _text(user.get("email"))
    name = _text(user.get("name")) or email or _text(user.get("preferred_username"))
    return Identity(auth=True, signed_in=True, name=name, email=email)


def streamlit_secrets() -> Mapping[str, Any]:
    """``st.secrets`` when a secrets file exists (reading it never raises here); {} otherwise."""
    # Streamlit loads only inside the running app
    import streamlit as st

    try:
        return st.secrets if st.secrets.load_if_toml_exists() else {}
    except Exception:  # noqa: BLE001 - a broken secrets file means no sign-in; Streamlit logs the error itself
        return {}


def streamlit_user() -> dict[str, Any]:
    """``st.user`` as a plain dict ({} outside a running app)."""
    # Streamlit loads only inside the running app
    import streamlit as st

    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - no script context
        return {}


def from_streamlit(typed_name: str = "") -> Identity:
    return current_identity(streamlit_secrets(), streamlit_user(), typed_name)
