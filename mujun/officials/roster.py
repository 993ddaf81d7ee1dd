"""The officials' register read once for an import: officials found by the name a spreadsheet
writes, in a region or the regions around it, without a query a row."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Official


class Roster:
    """The unarchived officials of some regions, by name, in the register's order."""

    def __init__(self, queryset):
        self.by_name = defaultdict(list)
        self.names = {}
        for row in queryset.filter(is_archived=False).values("pk", "name", "region__path"):
            self.by_name[row["name"]].append((row["pk"], row["region__path"]))
            self.names[row["pk"]] = row["name"]

    @classmethod
    def under(cls, paths) -> "Roster":
        """The officials of the regions at ``paths`` and below them."""
        paths = sorted(set(paths))
        # a path below another of the list adds nothing to its condition
        tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
        if not tops:
            return cls(Official.objects.none())
        return cls(
            Official.objects.filter(reduce(or_, (Q(region__path__startswith=p) for p in tops)))
        )

    @classmethod
    def above(cls, paths) -> "Roster":
        """The officials of the regions at ``paths`` and above them."""
        codes = {code for path in paths for code in path.strip("/").split("/") if code}
        return cls(Official.objects.filter(region__code__in=codes))

    def within(self, path: str, name: str) -> int | None:
        """The first official named ``name`` of the region at ``path`` or below it."""
        for pk, official_path in self.by_name.get(name.strip(), ()):
            if official_path.startswith(path):
                return pk
        return None

    def nearest(self, path: str, name: str) -> int | None:
        """The official named ``name`` of the region at ``path``, else of the nearest region
        above it that has one."""
        found = [
            (len(official_path), pk)
            for pk, official_path in self.by_name.get(name.strip(), ())
            if path.startswith(official_path)
        ]
        # the longest path is the nearest region; among equals, the register's first
        return max(found, key=lambda item: item[0], default=(0, None))[1]
