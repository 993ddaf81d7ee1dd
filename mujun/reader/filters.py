"""The report list's filters: the page's form, the API's query parameters and the filtering
of both (core/filters.py)."""

from mujun.core.filters import ListFilterSet


class ReportFilterSet(ListFilterSet):
    """Reports by words of their title (the search box) and archived or not."""
