"""Settings as production sees them: run in a fresh process, as a server would start."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# What the suite's own process has set (the test settings' key, pytest-django's settings
# module) must not leak into a process that plays a production server.
SUITE_ONLY = {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL", "HTTPS",
              "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def python(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in SUITE_ONLY}
    return subprocess.run([sys.executable, *args], env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return python("-m", "commonground", *args, **env)


# How gunicorn loads the service: the WSGI module, in a process of its own.
SERVE = "import commonground.wsgi; print('serving')"


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


def test_the_offline_switch_does_not_let_a_server_start_without_a_key() -> None:
    # It did: COMMONGROUND_OFFLINE_COMMAND=1 gave gunicorn a throwaway key with DEBUG off.
    result = python("-c", SERVE, DEBUG="false", COMMONGROUND_OFFLINE_COMMAND="1")
    assert result.returncode != 0 and "serving" not in result.stdout
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(("key", "why"), [
    ("abcde", "too short (5 characters"),
    ("benchmark-only-" + "x" * 40, "too predictable"),
    ("abcdefghijklmnopqrstuvwxy" * 2, "too predictable"),
    ("django-insecure-" + secrets.token_urlsafe(50), "too predictable"),
])
def test_a_weak_key_does_not_start_in_production(key: str, why: str) -> None:
    for result in (python("-c", SERVE, DEBUG="false", SECRET_KEY=key),
                   run("check", DEBUG="false", SECRET_KEY=key)):
        assert result.returncode != 0 and "serving" not in result.stdout
        assert why in result.stderr
        assert key not in result.stderr  # the refusal never prints the key itself


def test_random_keys_in_the_usual_forms_start() -> None:
    for key in (secrets.token_urlsafe(50), secrets.token_hex(32)):
        result = python("-c", SERVE, DEBUG="false", SECRET_KEY=key)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().endswith("serving")


def test_a_server_process_hides_its_loaded_code_from_the_garbage_collector() -> None:
    # A full collection walked every object of the loaded code (some 220,000) and held
    # both of a worker's threads for hundreds of milliseconds, several times a minute
    # under load (issue 10). The views are loaded before the freeze, so it covers them.
    script = ("import gc, sys\n"
              "import commonground.wsgi\n"
              "print(gc.get_freeze_count(), len(gc.get_objects()),"
              " 'commonground.plans.views.plans' in sys.modules)")
    result = python("-c", script, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    frozen, tracked, views_loaded = result.stdout.split()[-3:]
    assert views_loaded == "True"
    assert int(tracked) * 10 < int(frozen)


def test_importing_pytest_does_not_switch_on_test_settings() -> None:
    # It did: any process that had imported pytest got a throwaway key and MD5 hashing.
    script = ("import pytest, django\n"
              "from django.conf import settings\n"
              "django.setup(); print(settings.PASSWORD_HASHERS[0])")
    no_key = python("-c", script, DEBUG="false",
                    DJANGO_SETTINGS_MODULE="commonground.settings")
    assert no_key.returncode != 0 and "SECRET_KEY is not set" in no_key.stderr
    keyed = python("-c", script, DEBUG="false", DJANGO_SETTINGS_MODULE="commonground.settings",
                   SECRET_KEY=secrets.token_urlsafe(50))
    assert keyed.stdout.strip().splitlines()[-1] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"), keyed.stderr


def test_the_suite_runs_with_its_own_settings_module() -> None:
    from django.conf import settings

    assert os.environ["DJANGO_SETTINGS_MODULE"] == "tests.settings"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_production_logs_one_json_object_per_line() -> None:
    script = ("import logging; logging.getLogger('commonground.test').warning('hello %s', 'you')")
    result = run("shell", "-c", script, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert {k: line[k] for k in ("level", "logger", "message")} == {
        "level": "WARNING", "logger": "commonground.test", "message": "hello you"}
    bad = run("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), LOG_FORMAT="yaml")
    assert bad.returncode == 2 and "LOG_FORMAT must be json or text" in bad.stderr


def test_uploads_go_to_an_s3_bucket_when_one_is_named() -> None:
    script = ("from django.conf import settings; s = settings.STORAGES['default']; "
              "print(s['BACKEND'], s['OPTIONS']['bucket_name'], s['OPTIONS']['endpoint_url'], "
              "s['OPTIONS']['default_acl'])")
    result = run("shell", "-c", script, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
                 STORAGE_S3_BUCKET="council-uploads",
                 STORAGE_S3_ENDPOINT_URL="https://s3.example.org")
    assert result.stdout.strip().splitlines()[-1] == (
        "storages.backends.s3.S3Storage council-uploads https://s3.example.org None")
