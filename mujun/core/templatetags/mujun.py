import functools
from decimal import Decimal

from django import template

from mujun.core.money import quantize

register = template.Library()


@register.filter
def area(value, places: int = 2) -> str:
    """An area in 亩 with thousands separators, half-up to ``places`` decimals."""
    if value in (None, ""):
        return "—"
    return f"{quantize(Decimal(value), int(places)):,}"


@register.filter
def wan(value, places: int = 2) -> str:
    """An amount in 万元 with thousands separators, half-up to ``places`` decimals."""
    return area(value, places)


def _attrs(attrs: dict) -> str:
    """HTML attributes as Django writes them: True bare, False and None left out."""
    from html import escape

    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {escape(str(key))}")
        elif value is not False and value is not None:
            parts.append(f' {escape(str(key))}="{escape(str(value))}"')
    return "".join(parts)


@functools.lru_cache(maxsize=512)
def _options(choices: tuple, chosen: str) -> str:
    """A select's <option>s, made once per list and choice: the same few lists (towns, stages,
    industries) on every list page."""
    from html import escape

    return "".join(
        f'<option value="{escape(key)}"{" selected" if key == chosen else ""}>'
        f"{escape(label)}</option>"
        for key, label in choices
    )


@register.filter
def filter_widget(bound_field):
    """A list page's filter field as HTML built here with plain escaping rather than through
    Django's widget templates, which render every <option> (and every input) as a template of
    its own: on a list page with a few selects that was most of the page's time. Other
    widgets, and fields without a choice list, use Django's own rendering."""
    from html import escape

    from django import forms
    from django.utils.safestring import mark_safe

    field, widget = bound_field.field, bound_field.field.widget
    name = escape(bound_field.html_name)
    base = {"id": bound_field.auto_id or None, **widget.attrs, "disabled": field.disabled or None}
    value = bound_field.value()
    choices = getattr(field, "choices", None)
    if isinstance(widget, forms.CheckboxSelectMultiple) and choices is not None:
        values = [value] if isinstance(value, str) else (value or [])
        chosen = {str(v) for v in values}
        boxes = "".join(
            f'<label><input type="checkbox" name="{name}" value="{escape(str(key))}"'
            f"{' checked' if str(key) in chosen else ''}> {escape(str(label))}</label>"
            for key, label in choices
        )
        return mark_safe(f"<div{_attrs({'id': base['id']})}>{boxes}</div>")  # all escaped
    if (
        isinstance(widget, forms.Select)
        and not isinstance(widget, forms.SelectMultiple)
        and choices is not None
    ):
        chosen = "" if value is None else str(value)
        texts = getattr(field, "choice_texts", None)
        texts = texts() if texts else tuple((str(key), str(label)) for key, label in choices)
        options = _options(texts, chosen)
        return mark_safe(f'<select name="{name}"{_attrs(base)}>{options}</select>')
    if isinstance(widget, forms.CheckboxInput):
        attrs = {"type": "checkbox", "name": bound_field.html_name, **base}
        attrs["checked"] = bool(widget.check_test(value)) or None
        return mark_safe(f"<input{_attrs(attrs)}>")
    if type(widget) in (forms.TextInput, forms.DateInput, forms.NumberInput):
        attrs = {"type": widget.input_type, "name": bound_field.html_name, **base}
        shown = widget.format_value(value)
        if shown not in (None, ""):
            attrs["value"] = shown
        return mark_safe(f"<input{_attrs(attrs)}>")
    return bound_field.as_widget()


@register.filter
def filter_fields(form):
    """A list page's filter form: each field in its ``<div class="filter filter-NAME">`` with
    its label and widget (``filter_widget``), the archive switch inside its label, and the
    field's errors. One call instead of a template loop that looked up each field's name, id
    and label through the template engine (about a third of the filter form's time)."""
    from html import escape

    from django.utils.safestring import mark_safe

    parts = []
    for bound in form:
        widget, label = filter_widget(bound), escape(str(bound.label))
        if bound.name == "show_archived":
            inner = f"<label>{widget} {label}</label>"
        else:
            target = bound.id_for_label
            attrs = f' for="{escape(target)}"' if target else ""
            inner = f"<label{attrs}>{label}</label>{widget}"
        errors = str(bound.errors) if bound.errors else ""
        parts.append(f'<div class="filter filter-{escape(bound.name)}">{inner}{errors}</div>')
    return mark_safe("".join(parts))  # labels escaped; widgets and errors are safe HTML
