"""Forms whose choices are scoped to the user (STYLE.md §2: choice fields get scoped querysets)."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from .roles import ADD, CHANGE, VIEW

# the empty choice as a Chinese page writes it, not Django's "---------"
BLANK_LABEL = _("（请选择）")
DJANGO_BLANK = "---------"


class FormRenderer(DjangoTemplates):
    """Django's renderer with the platform's form layout (``core/form.html``): the errors of
    no field once, in the pages' alert box (settings ``FORM_RENDERER``)."""

    form_template_name = "core/form.html"


class ChineseFormMixin:
    """Labels without Django's ASCII colon after them (the templates and the CSS place them)
    and the empty choice of every select written in Chinese: every form of the platform
    derives from this, through ``Form``, ``ModelForm`` or ``ScopedFormMixin``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_BLANK:
                    field.empty_label = BLANK_LABEL
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)
                if choices and choices[0] == ("", DJANGO_BLANK):
                    field.choices = [("", BLANK_LABEL), *choices[1:]]


class Form(ChineseFormMixin, forms.Form):
    pass


class ModelForm(ChineseFormMixin, forms.ModelForm):
    pass


class ScopedFormMixin(ChineseFormMixin):
    """Takes ``user=`` and narrows every model choice to what that user may act on: for a form
    that saves a model, what the user may write (``add`` for a new object, ``change`` for a
    stored one), so a form never offers a region the API would refuse; otherwise what the
    user may view. ``scope_action`` on a form class chooses another action."""

    scope_action: str | None = None

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        action = self.scope_action or self._default_scope_action()
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "for_user"):
                field.queryset = qs.for_user(user, action) if user is not None else qs.none()

    def _default_scope_action(self) -> str:
        instance = getattr(self, "instance", None)
        if instance is None:
            return VIEW
        return CHANGE if instance.pk else ADD


class ScopedModelForm(ScopedFormMixin, forms.ModelForm):
    def choose_by(self, name: str, to_field: str):
        """Make the choice field ``name`` take and show the related object's ``to_field`` (a
        region's code, a tier's key) instead of its id: the names the API and the list
        filters use, so an API value is a form value."""
        field = self.fields[name]
        field.to_field_name = to_field
        if self.instance.pk and not isinstance(field, forms.ModelMultipleChoiceField):
            related = getattr(self.instance, name, None)
            # a stored object's initial value is its id (model_to_dict)
            self.initial[name] = related.serializable_value(to_field) if related else None


def found_by_typing(field: forms.ModelChoiceField, search_url) -> None:
    """Make ``field`` a ``SearchSelect`` searching ``search_url`` (a county's thousands of
    enterprises are found by typing, not listed); the field's queryset still decides what is
    valid."""
    field.widget = SearchSelect(search_url)
    field.widget.choices = field.choices


class SearchSelect(forms.Select):
    """The choice of a row of a large table (a county's 2,000 enterprises): the page carries
    only the chosen row, and a search box fetches the rows matching what is typed (htmx, from
    ``search_url``, which answers ``<option>``s in the user's scope)."""

    template_name = "core/widgets/search_select.html"

    def __init__(self, search_url: str, attrs=None):
        self.search_url = search_url
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        return context

    def optgroups(self, name, value, attrs=None):
        chosen = [v for v in value if v not in ("", None)]
        queryset = self.choices.queryset.filter(pk__in=chosen) if chosen else []
        options = [self.create_option(name, "", self.choices.field.empty_label or "", False, 0)]
        for index, obj in enumerate(queryset, start=1):
            options.append(self.create_option(name, obj.pk, str(obj), True, index))
        return [(None, options, 0)]


class LabeledChoiceField(forms.ChoiceField):
    """A choice written as its key or as its label (外出招商 or ``trip``), as people fill in a
    spreadsheet; anything else is an error naming the choices."""

    default_error_messages = {"invalid_choice": _("应为以下之一：%(choices)s，实际为“%(value)s”")}

    def to_python(self, value):
        text = str(value or "").strip()
        for key, label in self.choices:
            if text and text in (str(key), str(label)):
                return str(key)
        return text

    def validate(self, value):
        if value in self.empty_values:
            super().validate(value)
            return
        if not self.valid_value(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={
                    "value": value,
                    "choices": "、".join(str(label) for key, label in self.choices if key),
                },
            )


class DateInput(forms.DateInput):
    """The one date widget: ``<input type="date">`` whose value is ISO ``YYYY-MM-DD`` in every
    language. HTML defines that value format; the zh-hans default ``1998/03/12`` shows as an
    empty field in the browser, and saving the form unchanged then erased the date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


_TRUE = {"1", "是", "true", "yes", "y", "t", "√", "✓"}
_FALSE = {"0", "否", "false", "no", "n", "f", ""}
# every word a yes/no cell may hold, lower-cased, and what it means
YES_NO = {word: True for word in _TRUE} | {word: False for word in _FALSE}


class YesNoField(forms.Field):
    """是/否, 1/0, true/false as Excel users type them; anything else is an error, never a guess."""

    default_error_messages = {"invalid": _("应填“是”或“否”（或 1/0），实际为“%(value)s”")}

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        answer = YES_NO.get(str(value or "").strip().lower())
        if answer is not None:
            return answer
        raise forms.ValidationError(self.error_messages["invalid"], params={"value": value})

    def validate(self, value):
        pass

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != bool(initial)
        except forms.ValidationError:
            return True
