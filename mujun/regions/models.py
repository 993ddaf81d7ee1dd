from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mujun.core.querysets import PEER_REGIONS_READABLE, SUBTREE, for_user

from .choices import Kind, Level

code_validator = RegexValidator(
    r"^\d{6}(\d{3})?$", _("区划代码为 6 位（县及以上）或 9 位（乡镇街道）数字")
)


class RegionQuerySet(models.QuerySet):
    # the same rules as every scoped model's: a region is its own scope
    scope_rules = (SUBTREE, PEER_REGIONS_READABLE)

    def for_user(self, user, action: str = "view"):
        """Regions ``user`` may act on with ``action`` (``core.querysets.for_user``)."""
        return for_user(self, user, action, self.scope_rules, None)

    def towns(self):
        """The installation's own town-level units: peer regions are never offered as a town."""
        return self.filter(level=Level.TOWN, is_peer=False)

    def subtree(self, region):
        return self.filter(path__startswith=region.path)

    def unit_of(self, region, units: list["Region"]):
        """A function mapping the id of a region of ``region``'s subtree to the id of the one
        of ``units`` (regions of that subtree: its children, or itself) it lies under, or to
        None. Rows counted by their own region add up into a county's towns this way, a
        village's into its town, without joining each row to its region. One query."""
        owner = {}
        for pk, path in self.subtree(region).filter(is_peer=False).values_list("pk", "path"):
            owner[pk] = next((u.pk for u in units if path.startswith(u.path)), None)
        return owner.get


class Region(models.Model):
    """行政区划: an administrative unit. ``path`` holds the codes from the root down, so a
    subtree is one ``startswith`` test."""

    code = models.CharField(_("区划代码"), max_length=9, unique=True, validators=[code_validator])
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/330000/331000/331003/" — maintained on save; the scoping filter reads it.
    path = models.CharField(_("路径"), max_length=200, editable=False, db_index=True)
    # A peer region created by the report reader outside the installation's own tree.
    is_peer = models.BooleanField(_("对标地区"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "/") + f"{self.code}/"
        super().save(*args, **kwargs)

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)

    def lineage_codes(self) -> list[str]:
        """The codes from the root down to this region, itself included (read off ``path``)."""
        return [code for code in self.path.strip("/").split("/") if code]

    @property
    def whole_phrase(self) -> str:
        """全县 / 全区 / 全镇 / 全街道 …: how a briefing names the region itself."""
        short = {
            Kind.COUNTY_CITY: "市",
            Kind.ZONE: "区",
            Kind.PARK: "园区",
        }.get(self.kind, self.get_kind_display())
        return f"全{short}"
