"""Who is signed in, and with which role. Sign-in itself is done by trusted components only:
the bundled reverse proxy (Caddy, bcrypt accounts) hands the account name to Streamlit through
``server.trustedUserHeaders``, or ``st.login`` signs in with the ministry's identity provider.
This module only reads the result from ``st.user`` and maps the name to a role."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from i18n import N_

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ACCESS = REPO_ROOT / "deploy" / "access.toml"
ENV = "CPM_ACCESS"
USER_HEADER = "X-User"  # set by the proxy, dropped when a client sends it
PROXY_USER_KEY = "proxy_user"  # where server.trustedUserHeaders puts it in st.user
VIEWER, DATA_MANAGER = "viewer", "data_manager"
ROLES = {VIEWER: N_("viewer"), DATA_MANAGER: N_("data manager")}


class AccessConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    bcrypt: str | None = None  # the proxy's password hash; None for identity-provider users


@dataclass(frozen=True)
class SignedIn:
    name: str
    role: str


def access_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT_ACCESS)


def load_accounts(path: Path | None = None) -> dict[str, Account]:
    """The accounts file: ``[users."name"]`` with ``role`` and, for the proxy, ``bcrypt``."""
    path = path or access_path()
    with path.open("rb") as handle:
        users = tomllib.load(handle).get("users", {})
    accounts = {}
    for name, entry in users.items():
        role = entry.get("role")
        if role not in ROLES:
            raise AccessConfigError(f"{path}: user {name!r} has role {role!r}; expected one of {', '.join(ROLES)}")
        if any(c.isspace() for c in name) or not name:
            raise AccessConfigError(f"{path}: user name {name!r} must be one word")
        accounts[name] = Account(name, role, entry.get("bcrypt"))
    return accounts


def user_name(user) -> str | None:
    """The signed-in name in ``st.user``: the identity provider's e-mail (or name), else the
    account the proxy passed on."""
    if user.get("is_logged_in"):
        return user.get("email") or user.get("name")
    return user.get(PROXY_USER_KEY) or None


def current_user(user=None, accounts: dict[str, Account] | None = None) -> SignedIn | None:
    """The signed-in user with a role, or None: nobody signed in, or a name the file does not list."""
    if user is None:
        import streamlit as st

        user = st.user
    name = user_name(user)
    if not name:
        return None
    account = (accounts if accounts is not None else load_accounts()).get(name)
    return SignedIn(name, account.role) if account else None


def identity_provider_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for st.login."""
    import streamlit as st

    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def gate(lang: str) -> SignedIn | None:
    """In the internal edition, stop the run unless a listed user is signed in; say who is.
    The public edition has no sign-in and passes through."""
    import streamlit as st

    from i18n import translate
    from ui import edition

    if edition.current_edition() != edition.INTERNAL:
        return None
    signed = current_user()
    if signed is None:
        st.title(translate(N_("Sign-in required"), lang))
        if identity_provider_configured() and not st.user.get("is_logged_in"):
            st.button(translate(N_("Sign in"), lang), on_click=st.login, key="sign_in")
        elif user_name(st.user):
            st.error(translate(N_("Your account has no access to the internal edition. Ask the data manager to add "
                                  "it to the list of users."), lang))
        else:
            st.error(translate(N_("The internal edition shows exact figures and opens only after signing in."), lang))
        st.stop()
    # st.text: the name comes from a file or an identity provider, never read as Markdown.
    st.sidebar.text(translate(N_("Signed in: {name} ({role})"), lang, name=signed.name,
                              role=translate(ROLES[signed.role], lang)))
    st.sidebar.caption(translate(edition.NAMES[edition.INTERNAL], lang))
    if st.user.get("is_logged_in"):
        st.sidebar.button(translate(N_("Sign out"), lang), on_click=st.logout, key="sign_out")
    return signed


def require(lang: str, role: str) -> SignedIn:
    """Stop the page unless this is the internal edition and the signed-in user has ``role``:
    checked on the server for every run, whatever the navigation lists or the URL names."""
    import streamlit as st

    from i18n import translate
    from ui import edition

    signed = current_user() if edition.current_edition() == edition.INTERNAL else None
    if signed is None or signed.role != role:
        st.error(translate(N_("This page is for the {role} role only."), lang, role=translate(ROLES[role], lang)))
        st.stop()
    return signed
