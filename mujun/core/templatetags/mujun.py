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


@register.filter
def filter_widget(bound_field):
    """A list page's filter field as HTML built here with plain escaping rather than through
    Django's widget templates, which render every <option> (and every input) as a template of
    its own: on a list page with a few selects that was most of the page's time. Widgets other
    than selects, check boxes and plain inputs use Django's own rendering."""
    from html import escape

    from django import forms
    from django.utils.safestring import mark_safe

    widget = bound_field.field.widget
    name, auto_id = escape(bound_field.html_name), escape(bound_field.auto_id or "")
    value = bound_field.value()
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (value or [])}
        boxes = "".join(
            f'<label><input type="checkbox" name="{name}" value="{escape(str(key))}"'
            f"{' checked' if str(key) in chosen else ''}> {escape(str(label))}</label>"
            for key, label in bound_field.field.choices
        )
        return mark_safe(f'<div id="{auto_id}">{boxes}</div>')  # every piece is escaped
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) == chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in bound_field.field.choices
        )
        return mark_safe(f'<select name="{name}" id="{auto_id}">{options}</select>')
    if isinstance(widget, forms.CheckboxInput):
        checked = " checked" if widget.check_test(value) else ""
        return mark_safe(f'<input type="checkbox" name="{name}" id="{auto_id}"{checked}>')
    if type(widget) in (forms.TextInput, forms.DateInput, forms.NumberInput):
        attrs = {"type": widget.input_type, **widget.attrs}
        shown = widget.format_value(value)
        if shown not in (None, ""):
            attrs["value"] = shown
        rest = "".join(f' {escape(str(k))}="{escape(str(v))}"' for k, v in attrs.items())
        return mark_safe(f'<input name="{name}" id="{auto_id}"{rest}>')
    return bound_field.as_widget()
