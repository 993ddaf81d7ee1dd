"""Forms whose choices are scoped to the user (STYLE.md §2: choice fields get scoped querysets)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .kept import listed_rows
from .querysets import scope_key


class ScopedFormMixin:
    """Takes ``user=`` and narrows every model choice to what that user may see."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "for_user"):
                declared = getattr(field, "as_declared", False)
                field.queryset = qs.for_user(user) if user is not None else qs.none()
                if declared and user is not None:
                    # the form class's own queryset in this user's scope: the rows' whole recipe
                    field.listed_key = (type(self), name, scope_key(user))


class ScopedModelForm(ScopedFormMixin, forms.ModelForm):
    pass


class _ListedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.listed())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice for small tables (towns, tiers) read once per form: checking the chosen
    value and rendering the options share one query, where Django's field runs one each."""

    iterator = _ListedIterator
    # What the rows are kept under instead of their SQL: ScopedFormMixin sets it when the
    # field's queryset is still the one its form class declares; a queryset put on the field
    # otherwise clears it.
    listed_key = None
    as_declared = False

    def listed(self) -> list:
        if getattr(self, "_listed", None) is None:
            self._listed = listed_rows(self.queryset, self.listed_key)
        return self._listed

    def choice_texts(self) -> tuple:
        """Each choice's value and label as text (what a select shows), made once per kept
        rows: a county's towns as option texts cost a list page a third of a millisecond."""

        def make():
            return tuple((str(value), str(label)) for value, label in self.choices)

        rows = self.listed()
        if not hasattr(rows, "made"):
            return make()
        language = get_language()
        return rows.made((type(self), language, str(self.empty_label), self.to_field_name), make)

    def _set_queryset(self, queryset):
        # also what a form's copy of the field goes through (Django's __deepcopy__ sets it)
        self._listed = None
        self.listed_key = None
        self.as_declared = False
        super()._set_queryset(queryset)

    def __deepcopy__(self, memo):
        # a form's own copy of its class's field
        result = super().__deepcopy__(memo)
        result.as_declared = True
        return result

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        for obj in self.listed():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


def per_language(make):
    """Choices for a form field (``choices=per_language(lambda: [...])``): ``make()``'s list
    with its labels translated once per language, not on every page (a filter form's three
    fixed lists were 70 translation lookups a request)."""
    made = {}

    def choices():
        language = get_language()
        if language not in made:
            made[language] = [(key, str(label)) for key, label in make()]
        return made[language]

    return choices


class FilterForm(ScopedFormMixin, forms.Form):
    """A list page's filters; every field optional."""

    # type=search: the list's htmx form filters as one types in it (hx-trigger … from:
    # input[type=search])
    q = forms.CharField(
        label=_("搜索"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    show_archived = forms.BooleanField(label=_("显示已归档"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


_TRUE = {"1", "是", "true", "yes", "y", "t", "√", "✓"}
_FALSE = {"0", "否", "false", "no", "n", "f", ""}


class YesNoField(forms.Field):
    """是/否, 1/0, true/false as Excel users type them; anything else is an error, never a guess."""

    default_error_messages = {"invalid": _("应填“是”或“否”（或 1/0），实际为“%(value)s”")}

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        text = str(value or "").strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], params={"value": value})

    def validate(self, value):
        pass

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != bool(initial)
        except forms.ValidationError:
            return True
