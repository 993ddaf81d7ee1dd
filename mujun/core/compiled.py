"""Lookups every request makes (its session, its user), with their SQL compiled once.

Building and compiling a query through the ORM cost a request's session and user lookups
about 0.3 ms each, more than the database took to answer them. ``KeyLookup`` compiles its query
once per database with a stand-in for the key, then runs that SQL with each key in its place.
"""

from collections.abc import Callable

from django.db import connections


class KeyLookup:
    """The rows of ``build(key)``, a ``values_list`` query in which ``key`` is the one
    parameter equal to ``standin`` (a value no real key takes, of the key's type)."""

    def __init__(self, build: Callable, standin):
        self.build, self.standin = build, standin
        self._compiled: dict = {}

    def rows(self, alias: str, key) -> list[tuple]:
        sql, params, at, query, converters = self._for(alias)
        params = [*params[:at], key, *params[at + 1 :]]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if not converters:
            return fetched
        return [
            tuple(row) for row in query.get_compiler(alias).apply_converters(fetched, converters)
        ]

    def _for(self, alias: str) -> tuple:
        vendor = connections[alias].vendor
        found = self._compiled.get((alias, vendor))
        if found is None:
            query = self.build(self.standin).query
            compiler = query.get_compiler(alias)
            sql, params = compiler.as_sql()
            places = [n for n, value in enumerate(params) if value == self.standin]
            if len(places) != 1:
                raise ValueError(f"the stand-in is {len(places)} of the query's parameters")
            converters = compiler.get_converters([s[0] for s in compiler.select])
            found = self._compiled[(alias, vendor)] = (sql, params, places[0], query, converters)
        return found
