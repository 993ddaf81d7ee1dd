"""Screen links on the management site: an admin makes one for a region of their subtree and
the views it shows, reads its key once (in the message after saving), sees when each was last
used and revokes it. A link's key is never shown again: a lost one is revoked and replaced."""

import json

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mujun.admin import ScopedAdmin, site
from mujun.core.forms import ModelForm
from mujun.core.roles import MANAGE
from mujun.regions.models import Region

from . import boundaries
from .models import ScreenLink, TownMap
from .rules import VIEWS


class ScreenLinkForm(ModelForm):
    views = forms.MultipleChoiceField(
        label=gettext_lazy("显示的页面"),
        choices=list(VIEWS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("不选则显示全部页面"),
        required=False,
    )

    class Meta:
        model = ScreenLink
        fields = ["name", "region", "views"]


@admin.register(ScreenLink, site=site)
class ScreenLinkAdmin(ScopedAdmin):
    form = ScreenLinkForm
    list_display = ["name", "region", "view_labels", "created_at", "last_used_at", "state"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "region__name"]
    readonly_fields = ["created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request):
        regions = Region.objects.for_user(request.user, MANAGE)
        return ScreenLink.objects.filter(region__in=regions).select_related("region")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "region", "views"]
        return ["name", "region", "views", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        # a link's region is what its key opens: a different region is a new link
        return [*self.readonly_fields, "region"] if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # revoked, not deleted: the list keeps what was handed out and when it was last used
        return False

    @admin.display(description=gettext_lazy("页面"))
    def view_labels(self, obj):
        return obj.view_labels()

    @admin.display(description=gettext_lazy("状态"))
    def state(self, obj):
        return _("已吊销") if obj.is_revoked else _("有效")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            raw = obj.new_key()
            super().save_model(request, obj, form, change)
            url = request.build_absolute_uri(f"/screen/?key={raw}")
            messages.warning(
                request,
                _("大屏链接已生成，只显示这一次，请复制到大厅显示屏的浏览器中打开：%(url)s")
                % {"url": url},
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("吊销所选大屏链接"))
    def revoke(self, request, queryset):
        for link in queryset.filter(revoked_at__isnull=True):
            link.revoke()
        messages.success(request, _("所选大屏链接已吊销，这些链接打开的大屏将不再显示数据。"))


class TownMapForm(ModelForm):
    geojson = forms.CharField(
        label=gettext_lazy("镇街边界（GeoJSON）"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=gettext_lazy(
            "GeoJSON 格式的要素集合，每个镇街一个面，以镇街的地区代码标注（格式见大屏说明）"
        ),
    )

    class Meta:
        model = TownMap
        fields = ["region", "geojson"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["geojson"] = json.dumps(self.instance.geojson, ensure_ascii=False)

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region") or (self.instance.region if self.instance.pk else None)
        text = cleaned.get("geojson")
        if region is not None and text is not None:
            try:
                cleaned["geojson"] = boundaries.parse(text, region)
            except forms.ValidationError as exc:
                self.add_error("geojson", exc)
        return cleaned


@admin.register(TownMap, site=site)
class TownMapAdmin(ScopedAdmin):
    form = TownMapForm
    list_display = ["region", "updated_at"]
    search_fields = ["region__name"]
    # one record per county, deleted from its own page: no bulk actions
    actions = None

    def get_queryset(self, request):
        regions = Region.objects.for_user(request.user, MANAGE)
        return TownMap.objects.filter(region__in=regions).select_related("region")

    def get_readonly_fields(self, request, obj=None):
        # the boundaries are checked against their region's towns: another region is a new map
        return ["region"] if obj is not None else []
