"""Who is signed in and with which role: the accounts file, and the name st.user carries from the
proxy's header or from an identity provider. The proxy itself is tested in tests/e2e/test_signin.py."""
from __future__ import annotations

import pytest

from deploy.internal import write_accounts
from ui import access


def accounts_file(tmp_path, text: str):
    path = tmp_path / "access.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_has_the_two_demo_accounts_with_bcrypt_hashes():
    accounts = access.load_accounts(access.DEFAULT_ACCESS)
    assert {n: a.role for n, a in accounts.items()} == {"demo": access.VIEWER, "manager": access.DATA_MANAGER}
    assert all(a.bcrypt.startswith("$2a$14$") and len(a.bcrypt) == 60 for a in accounts.values())


def test_roles_come_from_the_file(tmp_path):
    path = accounts_file(tmp_path, '[users.anna]\nrole = "viewer"\nbcrypt = "$2a$14$x"\n'
                                   '[users."data.lead@edu.gov.kz"]\nrole = "data_manager"\n')
    accounts = access.load_accounts(path)
    proxy_user = {"is_logged_in": False, access.PROXY_USER_KEY: "anna"}
    assert access.current_user(proxy_user, accounts) == access.SignedIn("anna", access.VIEWER)
    provider_user = {"is_logged_in": True, "email": "data.lead@edu.gov.kz", "name": "Data Lead"}
    assert access.current_user(provider_user, accounts) == access.SignedIn("data.lead@edu.gov.kz",
                                                                           access.DATA_MANAGER)
    # Signed in somewhere, but not listed: no role, nothing of the internal edition.
    assert access.current_user({"is_logged_in": False, access.PROXY_USER_KEY: "boris"}, accounts) is None
    assert access.current_user({"is_logged_in": False, access.PROXY_USER_KEY: None}, accounts) is None
    assert access.current_user({}, accounts) is None
    # The proxy gets only the accounts that have a password hash.
    assert write_accounts(accounts, tmp_path / "accounts").read_text() == "anna $2a$14$x\n"


@pytest.mark.parametrize("text, words", [
    ('[users.anna]\nrole = "admin"\n', ["anna", "admin", "viewer, data_manager"]),
    ('[users."two words"]\nrole = "viewer"\n', ["two words", "one word"]),
])
def test_a_wrong_entry_is_refused_by_name(tmp_path, text, words):
    with pytest.raises(access.AccessConfigError) as error:
        access.load_accounts(accounts_file(tmp_path, text))
    assert all(w in str(error.value) for w in words)


def test_no_proxy_account_is_refused(tmp_path):
    accounts = access.load_accounts(accounts_file(tmp_path, '[users."a@b.kz"]\nrole = "viewer"\n'))
    with pytest.raises(access.AccessConfigError):
        write_accounts(accounts, tmp_path / "accounts")


@pytest.mark.parametrize("value, edition", [(None, "public"), ("", "public"), ("public", "public"),
                                            ("Internal", "internal")])
def test_edition_follows_the_environment(monkeypatch, value, edition):
    from ui.edition import ENV, current_edition

    if value is None:
        monkeypatch.delenv(ENV, raising=False)
    else:
        monkeypatch.setenv(ENV, value)
    assert current_edition() == edition


def test_a_misspelt_edition_is_refused(monkeypatch):
    from ui.edition import ENV, UnknownEdition, current_edition

    monkeypatch.setenv(ENV, "internl")
    with pytest.raises(UnknownEdition):
        current_edition()
