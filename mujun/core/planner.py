"""The database's statistics for its query planner.

SQLite keeps none until ``ANALYZE`` runs: without them it pages a 20,000-project list through
the wrong index, ten times slower. PostgreSQL's autovacuum analyses on its own; running it
after a bulk load is still what its manual advises. The daily ``mujun project_alerts`` and
``mujun demo`` call this.
"""

from django.db import connections


def analyze(using: str = "default") -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
