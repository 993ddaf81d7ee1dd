from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel


class Official(BusinessModel):
    """干部: an official of a region — a town's secretary or mayor (主要领导), a cadre who goes
    out to attract investment, the liaison leader or commissioner of enterprises. One register
    serves investment attraction and enterprise service alike."""

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在地区"),
        on_delete=models.PROTECT,
        related_name="officials",
    )
    is_principal = models.BooleanField(
        _("主要领导"),
        default=False,
        help_text=_("书记、镇长（主任）等：一月一招商按主要领导统计"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official",
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    search_fields = ("name", "title")

    class Meta:
        verbose_name = _("干部")
        verbose_name_plural = _("干部")
        ordering = ["region__sort_order", "region__code", "-is_principal", "name"]
        constraints = [
            # the natural key of the import: a name is one official within a region
            models.UniqueConstraint(
                fields=["region", "name"],
                name="official_one_name_per_region",
                violation_error_message=_("该地区已有同名干部"),
            )
        ]

    def __str__(self):
        return self.name
