"""One language per page: the forms' labels and empty choices in Chinese, and Django's own
words (the admin's) in Chinese whatever language the browser asks for."""

import pytest
from django import forms
from django.urls import reverse

from mujun.core.forms import BLANK_LABEL, Form, ModelForm
from mujun.projects.models import Project


class Chosen(Form):
    stage = forms.ChoiceField(label="阶段", choices=[("", "---------"), ("a", "甲")])
    year = forms.IntegerField(label="年")


class ProjectRegion(ModelForm):
    class Meta:
        model = Project
        fields = ["region", "stage"]


def test_a_forms_labels_carry_no_ascii_colon_and_its_blank_choice_is_chinese():
    form = Chosen()
    assert form["year"].label_tag() == '<label for="id_year">年</label>'
    assert list(form.fields["stage"].choices)[0] == ("", BLANK_LABEL)
    assert "---------" not in str(form)


@pytest.mark.django_db
def test_a_model_forms_foreign_key_and_choices_have_the_chinese_blank():
    html = str(ProjectRegion())
    assert "---------" not in html and str(BLANK_LABEL) in html
    assert ":</label>" not in html


@pytest.mark.django_db
def test_an_english_browser_gets_the_admin_in_chinese(client, cast):
    client.force_login(cast.admin)
    cast.admin.is_staff = True
    cast.admin.save()
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    text = page.content.decode()
    assert page.status_code == 200 and 'lang="zh-hans"' in text
    assert "Welcome" not in text and "欢迎" in text


def test_every_form_of_the_platform_derives_from_core_forms():
    """A form built on Django's classes directly would bring back the ASCII colon and
    ``---------``: every form derives from ``core.forms`` (its filter form renders itself;
    the management site's login is the admin's own, in the admin's templates)."""
    import sys

    from django.contrib.admin.forms import AdminAuthenticationForm

    from mujun.core.filters import FilterForm
    from mujun.core.forms import ChineseFormMixin

    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from test_dates import _import_all, _subclasses

    _import_all("forms")
    _import_all("imports")
    outside = {
        f"{form.__module__}.{form.__name__}"
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith("mujun.")
        and not issubclass(form, ChineseFormMixin | FilterForm | AdminAuthenticationForm)
        and ".tests." not in form.__module__
    }
    assert not outside, outside


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["admin:accounts_user_add", "admin:regions_region_add"])
def test_the_admins_forms_write_labels_and_blank_choices_as_the_platform_does(client, cast, url):
    client.force_login(cast.admin)
    text = client.get(reverse(url)).content.decode()
    assert "---------" not in text and ":</label>" not in text
    assert "After you" not in text


@pytest.mark.django_db
def test_the_password_change_form_has_no_ascii_colon(client, cast):
    client.force_login(cast.town1)
    text = client.get(reverse("accounts:password_change")).content.decode()
    assert "旧密码" in text and ":</label>" not in text


def test_djangos_own_label_suffix_is_the_full_width_colon():
    """Django's zh_Hans catalogue keeps ":"; the platform's catalogue (mujun/locale) wins."""
    from django.utils.translation import gettext, override

    with override("zh-hans"):
        assert gettext(":") == "："
        assert gettext("Model name") == "对象名称"
