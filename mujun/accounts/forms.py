from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import ChineseFormMixin, Form

from .actions import sign_in


class LoginForm(Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autofocus=True, autocomplete="username")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        result = sign_in(self.request, username=cleaned["username"], password=cleaned["password"])
        if result.user is None:
            raise forms.ValidationError(result.error)
        self.user = result.user
        return cleaned


class PasswordChangeForm(ChineseFormMixin, auth_forms.PasswordChangeForm):
    """Django's checks of the old and the new password, labelled as the platform's forms are."""
