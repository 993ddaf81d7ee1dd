"""One filter definition per list: a django-filter ``FilterSet`` gives the list page its form,
the API its query parameters (``query_schema``) and both the same filtering, under the same
names. NetBox shares its FilterSets between its UI and its API the same way.

A list's FilterSet derives from ``ListFilterSet`` (the search box ``q`` and ``archived``) and
declares its other filters; choices that list rows of the database take a ``scoped`` queryset,
so a user is offered, and may ask for, only what they may see. Fixed choice lists are given as
functions (``choices=lambda: Stage.choices``): a form copies its fields on every request, and a
copied list of translated labels costs more than calling a function.
"""

import functools
from datetime import date
from decimal import Decimal

import django_filters as df
from django import forms
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _
from pydantic import Field, create_model

from .querysets import in_region


def scoped_rows(queryset, key: str, label: str, action: str = "view"):
    """A ``RowChoiceFilter``'s rows: ``(key, label)`` of ``queryset``'s rows the request's user
    may see (``for_user``)."""

    def for_request(request):
        user = getattr(request, "user", None)
        rows = queryset.for_user(user, action) if user is not None else queryset.none()
        return list(rows.values_list(key, label))

    return for_request


def all_rows(queryset, key: str, label: str):
    """A ``RowChoiceFilter``'s rows: ``(key, label)`` of every row of ``queryset`` (a table
    every user reads whole, such as the project tiers or the indicator catalogue)."""
    return lambda request: list(queryset.values_list(key, label))


class FilterForm(forms.Form):
    """The form a FilterSet builds: labels without a trailing colon, as Chinese forms write
    them. It is written by Django's Jinja2 form renderer (Django ships its widget templates for
    both engines): a list page renders its filters on every request, seventy options among
    them, and Django's own template engine took twice as long for the same HTML. Other forms
    (the admin's among them, whose widgets exist only for Django's engine) keep the default
    renderer."""

    default_renderer = Jinja2()
    # each filter in its <div class="filter filter-NAME"> with its label and its error; the
    # plain selects (``in_place``) written there with their options
    template_name = "mujun/filter_form.html"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A choice among flat options (every select a list filters by): the form's
            # template writes it as Django would, without a template and an option dict per
            # option (a list's industry select alone has 38 options).
            field.widget.in_place = type(field.widget) is forms.Select


class FlagFilter(df.BooleanFilter):
    """A tick box: ticked applies ``method``; unticked (or absent) leaves the list alone."""

    field_class = forms.BooleanField


class RowChoiceFilter(df.ChoiceFilter):
    """A choice among the rows of a small table (a region by its code, a tier by its key):
    ``rows(request)`` gives the ``(key, label)`` pairs the user is offered, read in one query
    the first time the list needs them; checking a value and showing the options share it, and
    any other key is an invalid choice."""

    def __init__(self, *args, rows, **kwargs):
        self.rows = rows
        super().__init__(*args, choices=[], **kwargs)


class RegionFilter(RowChoiceFilter):
    """A region by its code, with its whole subtree: the rows whose region lies under it. The
    offered regions are the user's own (by default the installation's, peers left out)."""

    def __init__(self, *args, subtree: bool = True, **kwargs):
        from mujun.regions.models import Region

        kwargs.setdefault("rows", scoped_rows(Region.objects.filter(is_peer=False), "code", "name"))
        kwargs.setdefault("label", _("镇街"))
        kwargs.setdefault("empty_label", _("全部镇街"))
        self.subtree = subtree
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in df.constants.EMPTY_VALUES:
            return qs
        field = self.field_name or getattr(qs.model, "scope_field", "region")
        if not self.subtree:
            return qs.filter(**{f"{field}__code": value})
        return qs.filter(in_region(qs.model, value, field))


class ListFilterSet(df.FilterSet):
    """What every list filters by: ``q`` (the queryset's own ``search``) and ``archived``
    (archived rows are hidden unless it is ticked)."""

    # type=search: the list's htmx form filters as one types in it
    q = df.CharFilter(
        label=_("搜索"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    archived = FlagFilter(label=_("显示已归档"), method="filter_archived")

    class Meta:
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.filters.values():
            if isinstance(f, RowChoiceFilter):
                # read when first asked for (a value to check, the options to show), once for
                # this request
                f.extra["choices"] = functools.cache(functools.partial(f.rows, self.request))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_archived(self, queryset, name, value):
        # called with False too when the box is left out: archived rows stay hidden
        return queryset if value else queryset.filter(is_archived=False)


def _annotation(f):
    """The Python type of a filter's value in the API's query string."""
    if isinstance(f, df.MultipleChoiceFilter | df.ModelMultipleChoiceFilter):
        return list[str]
    if isinstance(f, df.BooleanFilter):
        return bool
    if isinstance(f, df.DateFilter):
        return date
    if isinstance(f, df.NumberFilter):
        return Decimal if f.extra.get("decimal_places") else int
    return str


# far past any list's last page, and far inside the database's integers
MAX_PAGE = 1_000_000


def query_schema(filterset_class, name: str):
    """The API's query parameters of a list: each filter of ``filterset_class`` under its own
    name and with its label as description, then ``page`` and ``page_size``."""
    from ninja import Schema

    fields = {}
    for filter_name, f in filterset_class.base_filters.items():
        annotation = _annotation(f)
        default = [] if annotation == list[str] else None
        description = str(f.label or filter_name)
        help_text = f.extra.get("help_text")
        if help_text:
            description += f"（{help_text}）"
        extra = None
        choices = f.extra.get("choices")
        choices = choices() if callable(choices) else choices
        if isinstance(choices, list | tuple) and choices:
            keys = [str(key) for key, _label in choices]
            extra = {"items": {"enum": keys}} if annotation == list[str] else {"enum": keys}
        fields[filter_name] = (
            annotation | None,
            Field(default, description=description, json_schema_extra=extra),
        )
    fields["page"] = (int, Field(1, ge=1, le=MAX_PAGE, description="页码"))
    fields["page_size"] = (int, Field(50, ge=1, le=500, description="每页条数"))
    return create_model(name, __base__=Schema, **fields)


def filter_values(params) -> dict:
    """The filter values of a ``query_schema`` instance, as a FilterSet's data."""
    data = params.dict(exclude={"page", "page_size"})
    return {k: v for k, v in data.items() if v is not None and v != []}
