"""Sign-in with Streamlit's own OIDC (`st.login`), and who the person on this session is.

The identity is the e-mail the provider has verified; what it may do comes from the
store (`data.users`). Without an `[auth]` section in secrets the app is a read-only
public dashboard: nobody is signed in and every page only reads.
"""

from __future__ import annotations

import re

import streamlit as st
from sqlite_utils import Database

from components.session import t
from data import users
from data.access import Actor

ANONYMOUS = Actor(name="anonymous")


def plain(text: str) -> str:
    """Text that Markdown shows as typed: e-mails are not linked, `*_[` do nothing."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:@$])", r"\\\1", text)


def person(email: str) -> str:
    """An e-mail in running text, as code: shown as typed, never turned into a mail link."""
    return "`" + email.replace("`", "") + "`"


def configured() -> bool:
    """Whether sign-in is set up: an `[auth]` section in `.streamlit/secrets.toml`."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def verified_email() -> str | None:
    """The signed-in person's e-mail, only when the provider says it verified it."""
    if not configured() or not st.user.get("is_logged_in"):
        return None
    if str(st.user.get("email_verified")).lower() != "true":
        return None
    return users.normalise_email(st.user.get("email")) or None


def current_actor(store: Database) -> Actor:
    """The acting identity of this session: a signed-in user's role, or an anonymous viewer."""
    email = verified_email()
    return users.actor_for(store, email) if email else ANONYMOUS


def sidebar_control(store: Database) -> None:
    """Sign in / sign out in the sidebar, with who is signed in and as what."""
    if not configured():
        return
    with st.sidebar:
        if not st.user.get("is_logged_in"):
            if st.button(t("auth.sign_in"), icon=":material/login:", key="auth_sign_in"):
                st.login()
            return
        actor = current_actor(store)
        if actor is ANONYMOUS:
            st.warning(t("auth.unverified", email=person(str(st.user.get("email") or "–"))))
        else:
            st.caption(
                t("auth.signed_in_as", email=person(actor.name), role=plain(role_text(actor)))
            )
        if st.button(t("auth.sign_out"), icon=":material/logout:", key="auth_sign_out"):
            st.logout()


def role_text(actor: Actor) -> str:
    """The role as people read it; an editor's regions by code."""
    text = t(f"auth.role.{actor.role}")
    if actor.role == "editor":
        text += " " + ", ".join(sorted(actor.regions))
    return text


def how_to_enable() -> None:
    """One short paragraph for the Kelola page when sign-in is not configured."""
    st.info(t("auth.not_configured"), icon=":material/lock:")


def admin_or_notice(store: Database) -> Actor | None:
    """The admin acting on an admin page, or None after saying why this session is not one."""
    if not configured():
        how_to_enable()
        return None
    actor = current_actor(store)
    if actor.role == "admin":
        return actor
    key = "auth.admin_only" if st.user.get("is_logged_in") else "auth.sign_in_first"
    st.warning(t(key), icon=":material/lock:")
    return None
