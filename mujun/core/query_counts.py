"""Query-count baselines for list pages and list endpoints (STYLE.md §12).

Each app keeps the counts in ``tests/query_counts.json``, a flat ``{"name": count}`` map. A
test names its page or endpoint and says how to make rows of it::

    BASELINES = Path(__file__).with_name("query_counts.json")

    def test_enterprise_list(login, cast):
        assert_query_baseline(
            BASELINES, "enterprises:enterprise_list", login(cast.leader),
            reverse("enterprises:enterprise_list"),
            lambda n: [make_enterprise(cast.regions.town1) for _ in range(n)],
        )

A name is the page's URL name or the endpoint's path, followed by the names of the filters
its query string sets (``projects:project_list?region&stage``) or by `` as officer`` when a
town officer's scoped list is measured.

``assert_query_baseline`` measures one GET with ``rows`` rows made, then again after making
twice as many more, and fails when

- the answer with more rows is not longer: the rows made are not the ones the URL shows;
- the two counts differ: a query per row (N+1) or per some other thing the rows bring;
- the count is above the baseline: the page asks more of the database than it did;
- the baseline file has no such name: the message gives the count to add.

The request before the measured ones is not counted: what it alone does (Django's per-process
caches, an API token's ``last_used_at``, written once a minute) is not the list's cost.
A lower count passes; lower the baseline with it, so that the next growth is caught.

To (re)write baselines deliberately, after a change that is meant to add or save queries::

    MUJUN_WRITE_QUERY_BASELINES=1 .venv/bin/pytest -p no:cacheprovider <the test files>

Then every measured test writes its count into its app's JSON instead of comparing (it still
fails when the count grows with the rows). Review the diff of the JSON as any other change:
a count another test reads as its limit is rewritten too. The counts must hold on SQLite and
on PostgreSQL: write on one, run the same tests on the other, and keep the larger where they
differ.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

WRITE = "MUJUN_WRITE_QUERY_BASELINES"


def _writing() -> bool:
    return os.environ.get(WRITE, "") not in ("", "0")


def _get(client, url: str, headers: dict):
    response = client.get(url, **headers)
    assert response.status_code == 200, (
        f"GET {url} answered {response.status_code}: its queries are not the list's"
    )
    return response


def _measure(client, url: str, headers: dict):
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url, headers)
    return response, [q["sql"] for q in queries.captured_queries]


def _listing(sql: list[str]) -> str:
    return "\n".join(f"{n}. {statement}" for n, statement in enumerate(sql, start=1))


def read_baselines(path: Path) -> dict[str, int]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_baseline(path: Path, name: str, count: int) -> None:
    baselines = read_baselines(path)
    baselines[name] = count
    path.write_text(json.dumps(baselines, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def assert_query_baseline(
    baselines: Path, name: str, client, url: str, make_rows, *, rows: int = 5, headers=None
) -> int:
    """The number of queries of ``GET url`` by ``client``, checked against ``baselines[name]``
    and against itself with three times the rows. ``make_rows(n)`` makes ``n`` more rows that
    the request shows (in the user's scope, through the URL's filters); the longer answer with
    more rows is the check that it does. ``headers`` go with each request (an API token)."""
    headers = headers or {}
    make_rows(rows)
    # Not counted: the first request fills what is kept per process and records a fresh API
    # token's use (accounts.actions.user_for_token, once a minute), which a list asked for
    # again and again does not repeat.
    _get(client, url, headers)
    few, few_sql = _measure(client, url, headers)
    make_rows(2 * rows)
    many, many_sql = _measure(client, url, headers)
    assert len(many.content) > len(few.content), (
        f"{name}: the page with {3 * rows} rows is no longer than with {rows}; make_rows makes "
        "rows that the request does not show, so its count proves nothing"
    )
    assert len(many_sql) == len(few_sql), (
        f"{name}: {len(few_sql)} queries with {rows} rows, {len(many_sql)} with {3 * rows}; "
        f"the queries with {3 * rows}:\n{_listing(many_sql)}"
    )
    count = len(few_sql)
    if _writing():
        write_baseline(baselines, name, count)
        return count
    baseline = read_baselines(baselines).get(name)
    if baseline is None:
        pytest.fail(
            f'{baselines} has no baseline for "{name}"; it made {count} queries. Add '
            f'"{name}": {count} to that file, or run the test with {WRITE}=1 to write it.'
        )
    assert count <= baseline, (
        f"{name}: {count} queries, more than the baseline of {baseline} in {baselines}. "
        f"If the new ones are meant, raise the baseline (or run with {WRITE}=1):\n"
        f"{_listing(few_sql)}"
    )
    return count


# the start of a bulk insert or update, the same for each batch of one
_BULK = re.compile(r"^(INSERT INTO \S+|UPDATE \S+ SET \S+ = CASE)")


def import_statements(run) -> list[str]:
    """The statements ``run()`` sends, a bulk insert or update counted once however many
    batches the database splits it into (SQLite takes 999 parameters a statement): what the
    cost of an import in queries is compared by, a file of few rows against one of many."""
    with CaptureQueriesContext(connection) as queries:
        run()
    statements = []
    for query in queries.captured_queries:
        match = _BULK.match(query["sql"])
        if match and statements and statements[-1] == match.group(1):
            continue
        statements.append(match.group(1) if match else query["sql"])
    return statements
