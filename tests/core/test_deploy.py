"""Production settings are safe by default: Django's deployment check finds nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def production_environ() -> dict[str, str]:
    """This process's environment without the test-only switches (LOKET_*, async-unsafe)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LOKET_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = production_environ()
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_with_default_settings_asks_only_for_personal_data_keys(tmp_path: Path) -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={"LOKET_VAR_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "loket.W001" in result.stderr and "identified 1 issue" in result.stderr, result.stdout + result.stderr
    keys = "uEWBEA7GAYbFIQ8UotJeo8oSWbWkoeyE_WH79jHi1gQ="  # a Fernet key made for this test only
    env = {"LOKET_VAR_DIR": str(tmp_path), "LOKET_PERSONAL_DATA_KEYS": keys}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_made_once_and_kept(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {"LOKET_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "loket.settings"}
    first = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    second = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    key = first.stdout.strip()
    assert len(key) >= 50
    assert key == second.stdout.strip()
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0


def test_debug_off_unless_asked(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    )
    clean = production_environ()
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "LOKET_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "loket.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "True"]
