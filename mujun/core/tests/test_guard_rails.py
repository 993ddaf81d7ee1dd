"""The checks that keep the project honest, run with the suite (STYLE.md §14)."""

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

import mujun
from mujun.core.models import BusinessModel

REPO = Path(mujun.__file__).resolve().parent.parent
SCHEMA = REPO / "docs" / "openapi.json"


def test_no_missing_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_checks_pass():
    call_command("check")


def test_committed_openapi_schema_is_current():
    from mujun.api import api

    generated = api.get_openapi_schema()
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(generated)), (
        "docs/openapi.json is stale: run `mujun export_openapi_schema --api mujun.api.api "
        "--indent 2 --output docs/openapi.json`"
    )


def test_the_served_openapi_schema_names_each_answer_once(client):
    # a status code written twice in one object (once a number, once text) makes Swagger UI
    # refuse the whole schema ("duplicated mapping key"): /api/docs showed nothing
    repeated = []

    def unique(pairs):
        keys = [key for key, _ in pairs]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    served = client.get("/api/openapi.json")
    json.loads(served.content, object_pairs_hook=unique)
    assert served.status_code == 200 and repeated == []


def test_production_settings_pass_deploy_check():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "mujun.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "mujun.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mujun.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _import_all_tests():
    for module in pkgutil.walk_packages([str(REPO / "mujun")], "mujun."):
        if ".tests." in module.name + "." and module.name.split(".")[-1].startswith("test_"):
            importlib.import_module(module.name)


def test_every_business_model_has_scope_suites():
    """A model that reaches users without the inherited scope tests fails here."""
    from mujun.core.testing import SUITES

    _import_all_tests()
    models = [m for m in apps.get_models() if issubclass(m, BusinessModel)]
    missing = [m.__name__ for m in models if m not in SUITES["view"] and m not in SUITES["api"]]
    # Contacts are shown only on their enterprise's page, which the enterprise suite covers.
    allowed = {"Contact"}
    assert set(missing) <= allowed, f"models without scope tests: {missing}"


def test_every_area_has_a_foreign_names_suite():
    """An area whose pages are not crawled for other towns' enterprises fails here."""
    from mujun.core.testing import NAMES_SUITES, areas

    _import_all_tests()
    missing = areas() - NAMES_SUITES
    assert not missing, f"areas without a ForeignNamesSuite: {sorted(missing)}"


@pytest.mark.parametrize("command", ["demo", "migrate"])
def test_console_script_runs_management_commands(command):
    result = subprocess.run(
        [sys.executable, "-m", "mujun.cli", command, "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0 and "usage" in result.stdout


def test_health_answers_without_login(client, db):
    assert client.get("/health/").json() == {"status": "ok"}
