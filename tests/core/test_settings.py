"""Settings as production sees them: run in a fresh process, as a server would start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL", "HTTPS",
                         "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "-m", "commonground", *args],
        env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run("check", DEBUG="false")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_secret_key_can_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(secrets.token_urlsafe(50))
    result = run("check", DEBUG="false", SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr


def test_deploy_checks_are_clean_in_production() -> None:
    result = run("check", "--deploy", "--fail-level", "WARNING", DEBUG="false",
                 SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="commonground.example")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_hashes_passwords_with_argon2() -> None:
    result = run("shell", "-c",
                 "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])",
                 DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.stdout.strip().splitlines()[-1] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher")


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite-only behaviour")
def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    script = ("from django.db import connection\n"
              "with connection.cursor() as c:\n"
              "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])")
    result = run("shell", "-c", script, DEBUG="true",
                 DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", VAR_DIR=str(tmp_path))
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr


def test_demo_data_is_refused_in_production() -> None:
    result = run("loaddemo", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "development only" in result.stderr


def test_analysts_commands_need_no_secret_key(tmp_path: Path) -> None:
    data = tmp_path / "counts.csv"
    data.write_text("district,area,a,b\nD1,x1,10,0\nD1,x2,0,10\nD2,y1,5,5\nD2,y2,5,5\n")
    out = tmp_path / "out.csv"
    result = run("indicators", str(data), "--region-col", "district", "--groups", "a,b",
                 "--out", str(out), DEBUG="false")
    assert result.returncode == 0, result.stderr
    rows = out.read_text().splitlines()
    assert len(rows) == 3 and rows[1].startswith("D1")
