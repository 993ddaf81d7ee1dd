from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from mujun.core.forms import ScopedModelForm

from .models import Official


class OfficialForm(ScopedModelForm):
    class Meta:
        model = Official
        fields = ["name", "title", "region", "is_principal", "phone", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(is_peer=False)
        self.choose_by("region", "code")
        # the accounts of the regions this user may write into, nobody else's
        regions = self.fields["region"].queryset
        self.fields["user"].queryset = get_user_model().objects.filter(region__in=regions)
        self.fields["user"].required = False
        self.fields["user"].help_text = _("该干部登录平台所用的账号（可不填）")
