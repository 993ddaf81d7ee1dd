import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mujun.accounts.models import hash_token

from .rules import VIEWS


class ScreenLink(models.Model):
    """大屏链接: a long random key that opens one region's lobby screen without a login, with
    the views chosen for it. Only the key's hash is stored (as for API tokens); the key is
    shown once, when the link is made. A revoked link answers 404 like an unknown one."""

    name = models.CharField(_("名称"), max_length=100, help_text=_("如：县政府一楼大厅"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="screen_links",
    )
    views = models.JSONField(_("显示的页面"), default=list, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("大屏链接")
        verbose_name_plural = _("大屏链接")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def view_names(self) -> list[str]:
        from .rules import chosen_views

        return chosen_views(self.views)

    def view_labels(self) -> str:
        return "、".join(VIEWS[v] for v in self.view_names())

    def new_key(self) -> str:
        """A fresh key for this link (an unsaved one's first): the raw value, to show once."""
        raw = secrets.token_urlsafe(32)
        self.key_hash = hash_token(raw)
        return raw

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            ScreenLink.objects.filter(pk=self.pk).update(revoked_at=self.revoked_at)


class TownMap(models.Model):
    """镇街边界: a county's towns' boundaries (GeoJSON, features named by region code), from
    which its lobby screen draws the towns as a map instead of tiles."""

    region = models.OneToOneField(
        "regions.Region",
        verbose_name=_("地区"),
        on_delete=models.CASCADE,
        related_name="town_map",
    )
    geojson = models.JSONField(_("镇街边界（GeoJSON）"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("镇街边界")
        verbose_name_plural = _("镇街边界")

    def __str__(self):
        return str(self.region)
