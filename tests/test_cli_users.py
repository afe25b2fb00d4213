"""`dispatch-console user`: preparing a shared server's users from a terminal or a script."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from console.cli import main
from console.services.users import SignInRefused, sign_in
from console.store.database import open_database


def _signs_in(url: str, login: str, password: str) -> str:
    database = open_database(url)
    try:
        return sign_in(database, login, password).role
    finally:
        database.dispose()


def test_a_user_is_added_and_later_given_a_new_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("first password\n"))
    assert main(["user", "add", "olga", "--role", "supervisor", "--name", "Olga Ivanova", "--db", url]) == 0
    assert "User olga (supervisor) added" in capsys.readouterr().out
    assert _signs_in(url, "olga", "first password") == "supervisor"

    monkeypatch.setattr("sys.stdin", io.StringIO("second password\n"))
    assert main(["user", "password", "olga", "--db", url]) == 0
    assert _signs_in(url, "olga", "second password") == "supervisor"
    with pytest.raises(SignInRefused):
        _signs_in(url, "olga", "first password")


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["user", "add", "olga", "--role", "admin"], "short\n", "at least 8 characters"),
        (["user", "password", "nobody"], "long enough\n", "There is no user nobody"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_status_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    message: str,
) -> None:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main([*argv, "--db", url]) == 2
    assert message in capsys.readouterr().err
