"""Who did what: with Streamlit's sign-in configured the app requires it and records the signed-in person with
every version and approval; without it, the app asks for a name on the first save.

``current_identity`` is tested with plain values; the app is run by AppTest, whose ``at.user`` is Streamlit's own
simulation of ``st.user`` and ``at.secrets`` its secrets (nothing of ours is mocked).
"""

from __future__ import annotations

import datetime as dt

import pytest
from ui_support import app_module, example, ok, texts, widget

identity = app_module("identity")

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret",
    "client_id": "evidencepack-test",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}
SECRETS = {"auth": AUTH}
ANA = {"is_logged_in": True, "name": "Ana Quality", "email": "ana.quality@example.org", "sub": "abc123"}


# current_identity: the decision, from plain values ------------------------------------------------------------

def test_without_sign_in_the_typed_name_is_recorded_and_st_user_is_ignored() -> None:
    who = identity.current_identity({}, {"email": "test@example.com"}, "  Tess Lead ")
    assert (who.auth, who.signed_in, who.must_sign_in, who.name, who.saved_by) == (
        False, False, False, "Tess Lead", "Tess Lead")
    assert identity.current_identity({}, {}, "").saved_by == ""


def test_with_sign_in_configured_nobody_is_known_until_signed_in() -> None:
    for user in ({}, {"is_logged_in": False}, {"email": "test@example.com"}, {"is_logged_in": "yes"}):
        who = identity.current_identity(SECRETS, user, "Typed Name")
        assert who.auth and not who.signed_in and who.must_sign_in
        assert who.name == "" and who.saved_by == ""


def test_signed_in_the_name_and_email_come_from_the_sign_in() -> None:
    who = identity.current_identity(SECRETS, ANA, "Mallory Typed")
    assert who.signed_in and not who.must_sign_in
    assert who.name == "Ana Quality"
    assert who.saved_by == "Ana Quality (ana.quality@example.org)"


@pytest.mark.parametrize(
    ("claims", "name", "saved_by"),
    [
        ({"email": "ana@example.org"}, "ana@example.org", "ana@example.org"),
        ({"preferred_username": "aquality"}, "aquality", "aquality"),
        ({"name": "  Ana Quality  "}, "Ana Quality", "Ana Quality"),
        ({}, "", ""),
    ],
)
def test_signed_in_without_a_name_claim(claims: dict, name: str, saved_by: str) -> None:
    who = identity.current_identity(SECRETS, {"is_logged_in": True, **claims})
    assert (who.name, who.saved_by) == (name, saved_by)


def test_an_empty_or_odd_auth_section_is_not_sign_in() -> None:
    assert not identity.auth_configured({"auth": {}})
    assert not identity.auth_configured({"auth": "on"})
    assert not identity.auth_configured({"other": AUTH})
    assert identity.auth_configured(SECRETS)


def test_providers_default_and_named() -> None:
    assert identity.providers({}) == []
    assert identity.providers(SECRETS) == [None]
    named = {"auth": {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x",
                      "microsoft": {"client_id": "a"}, "okta": {"client_id": "b"}}}
    assert identity.providers(named) == ["microsoft", "okta"]


# The app, through AppTest ------------------------------------------------------------------------------------

def test_with_sign_in_configured_and_nobody_signed_in_the_app_asks_and_saves_nothing(app, store, stored):
    pack = stored(example())
    for user in ({"is_logged_in": False}, {"email": "test@example.com"}):
        at = app("details", pack_id=pack, secrets=SECRETS, signed_in=user)
        assert [b.label for b in at.button] == ["Sign in"]
        assert any("Sign in to continue" in t for t in texts(at, "info"))
        assert not at.text_input and not at.text_area and not at.sidebar.button  # no page, no form, no menu
        assert "ep.data" not in at.session_state  # the pack was not even loaded
    assert store.latest(pack)[0].number == 1 and len(store.versions(pack)) == 1


def test_named_providers_each_get_a_button(app):
    secrets = {"auth": {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x",
                        "microsoft": {"client_id": "a", "client_secret": "b", "server_metadata_url": "c"}}}
    at = app("packs", secrets=secrets, signed_in={"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in with microsoft"]


def test_signed_in_each_save_records_the_signed_in_person(app, store, stored):
    pack = stored(example())
    at = app("details", pack_id=pack, user="Mallory Typed", secrets=SECRETS, signed_in=ANA)
    widget(at, "text_input", "Provider name").input("Larkfield Care").run()
    info, data = store.latest(pack)
    assert info.number == 2 and info.saved_by == "Ana Quality (ana.quality@example.org)"
    assert data["metadata"]["provider"]["name"] == "Larkfield Care"
    assert "Signed in as Ana Quality (ana.quality@example.org)" in texts(at.sidebar, "caption")
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_signed_in_the_packs_page_shows_who_instead_of_a_name_box(app):
    at = app("packs", user=None, secrets=SECRETS, signed_in=ANA)
    assert "ep.your_name" not in [w.key for w in at.text_input]
    assert any("Signed in as Ana Quality" in t for t in texts(at, "caption"))


def test_signed_in_an_approval_records_the_signed_in_person(app, store, stored):
    pack = stored(example())
    at = app("approval", pack_id=pack, user="Mallory Typed", secrets=SECRETS, signed_in=ANA)
    assert any("Approving as **Ana Quality**" in t for t in texts(at, "markdown"))
    assert not any("Mallory" in t for t in texts(at, "markdown"))
    widget(at, "text_input", "Your role").input("Registered manager")
    at.text_area[0].input("Approved for the board pack")
    ok(widget(at, "button", "Approve this pack").click().run())
    info, data = store.latest(pack)
    assert data["metadata"]["status"] == "approved"
    assert data["metadata"]["approval"] == {"name": "Ana Quality", "role": "Registered manager",
                                            "date": dt.date.today().isoformat(),
                                            "reason": "Approved for the board pack", "self_approved": False}
    assert info.saved_by == "Ana Quality (ana.quality@example.org)"


def test_without_sign_in_the_first_save_asks_for_a_name_and_st_user_is_not_used(app, store, stored):
    pack = stored(example())
    at = app("details", pack_id=pack, user=None, signed_in={"email": "test@example.com"})
    widget(at, "text_input", "Provider name").input("Larkfield Care").run()
    assert store.latest(pack)[0].number == 1  # nothing saved without a name
    assert any("enter your name" in t for t in texts(at.sidebar, "warning"))
    at.text_input(key="ep.name_prompt").input("Tess Lead").run()
    info, _data = store.latest(pack)
    assert info.number == 2 and info.saved_by == "Tess Lead"


def test_without_sign_in_an_approval_records_the_name_this_session_saves_under(app, store, stored):
    pack = stored(example())
    at = app("approval", pack_id=pack, user="Rae Manager")
    assert any("Approving as **Rae Manager**" in t for t in texts(at, "markdown"))
    at.text_area[0].input("Approved for the board pack")
    ok(widget(at, "button", "Approve this pack").click().run())
    info, data = store.latest(pack)
    assert data["metadata"]["approval"]["name"] == "Rae Manager" and info.saved_by == "Rae Manager"


def test_a_sign_in_that_cannot_start_says_why_instead_of_failing(app, store, stored):
    # Here Streamlit cannot start the sign-in (Authlib is not installed, and AppTest's secrets are not the ones
    # the login reads), as on a server whose set-up is incomplete: the reason is shown, nothing else runs.
    pack = stored(example())
    at = app("details", pack_id=pack, secrets=SECRETS, signed_in={"is_logged_in": False})
    ok(widget(at, "button", "Sign in").click().run())
    assert any(t.startswith("Sign-in is not working: ") for t in texts(at, "error"))
    assert store.latest(pack)[0].number == 1
