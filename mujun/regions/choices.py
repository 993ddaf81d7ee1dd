from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（市、区）")
    TOWN = "town", _("乡镇（街道、开发区、园区）")


class Kind(models.TextChoices):
    """What the unit calls itself; the briefing's 全县 / 全区 / 全镇 / 全街道 comes from here."""

    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县")
    DISTRICT = "district", _("区")
    COUNTY_CITY = "county_city", _("县级市")
    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")
    STREET = "street", _("街道")
    ZONE = "zone", _("开发区")
    PARK = "park", _("园区")


LEVEL_ORDER = [Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWN]
