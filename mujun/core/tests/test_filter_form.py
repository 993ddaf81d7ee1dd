"""A list's filter form writes its plain selects itself (``mujun/filter_form.html``): the same
tag, attributes and options as Django's own widget writes, for every list's filters."""

import importlib
import re

import pytest
from django.apps import apps
from django.test import RequestFactory

from mujun.core.filters import ListFilterSet
from mujun.projects.models import Project


def _filtersets() -> list[type[ListFilterSet]]:
    for config in apps.get_app_configs():
        if config.name.startswith("mujun."):
            try:
                importlib.import_module(f"{config.name}.filters")
            except ModuleNotFoundError:
                continue
    found, todo = [], [ListFilterSet]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def _selects(filterset_class, data, user):
    request = RequestFactory().get("/")
    request.user = user
    # the form alone: any queryset will do
    form = filterset_class(data, queryset=Project.objects.none(), request=request).form
    form.is_valid()
    html = str(form)
    for bf in form:
        if bf.field.widget.in_place:
            # Django's own widget: its template, its option dicts
            yield bf.name, _tags(str(bf)), _tags(html)


@pytest.mark.django_db
def test_every_lists_selects_are_written_as_djangos_widget_writes_them(cast):
    filtersets = _filtersets()
    assert len(filtersets) >= 8
    written = 0
    for filterset_class in filtersets:
        for data in ({}, dict.fromkeys(filterset_class.base_filters, "no-such-choice")):
            for name, django, page in _selects(filterset_class, data, cast.leader):
                assert django in page, (filterset_class, name, data)
                written += 1
    assert written > 20


@pytest.mark.django_db
def test_a_chosen_option_is_selected_and_a_wrong_one_marked_invalid(cast):
    from mujun.projects.filters import ProjectFilterSet

    [(_, chosen, page)] = [
        s for s in _selects(ProjectFilterSet, {"stage": "started"}, cast.leader) if s[0] == "stage"
    ]
    assert '<option value="started" selected>' in chosen and chosen in page
    [(_, wrong, page)] = [
        s for s in _selects(ProjectFilterSet, {"stage": "x"}, cast.leader) if s[0] == "stage"
    ]
    assert 'aria-invalid="true" aria-describedby="id_stage_error"' in wrong and wrong in page
