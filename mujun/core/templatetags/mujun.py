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
    """A list page's filter field as HTML built here rather than through Django's widget
    templates, which render every <option> as a template of its own: on a list with a few
    selects that was most of the page's time. Other widgets use Django's own rendering."""
    from django import forms
    from django.utils.html import format_html, format_html_join

    widget = bound_field.field.widget
    name, auto_id = bound_field.html_name, bound_field.auto_id
    value = bound_field.value()
    if isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (value or [])}
        return format_html(
            '<div id="{}">{}</div>',
            auto_id,
            format_html_join(
                "",
                '<label><input type="checkbox" name="{}" value="{}"{}> {}</label>',
                (
                    (name, key, " checked" if str(key) in chosen else "", label)
                    for key, label in bound_field.field.choices
                ),
            ),
        )
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        chosen = "" if value is None else str(value)
        return format_html(
            '<select name="{}" id="{}">{}</select>',
            name,
            auto_id,
            format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (key, " selected" if str(key) == chosen else "", label)
                    for key, label in bound_field.field.choices
                ),
            ),
        )
    return bound_field.as_widget()
