from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mujun.core.models import BusinessModel
from mujun.core.money import AREA_DECIMAL_PLACES, AREA_MAX_DIGITS

from .industries import DIVISIONS, division_of, industry_problem
from .querysets import EnterpriseQuerySet
from .rules import uscc_problem


def validate_uscc(value: str):
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(_("统一社会信用代码无效：%(p)s"), params={"p": problem})


def validate_industry_code(value: str):
    problem = industry_problem(value)
    if problem:
        raise ValidationError(problem)


class Enterprise(BusinessModel):
    """企业: a company registered in a town of the installation."""

    name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc]
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所在镇街"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    industry_code = models.CharField(
        _("行业代码"), max_length=4, validators=[validate_industry_code]
    )
    above_size = models.BooleanField(_("规模以上"), default=False)
    is_high_tech = models.BooleanField(_("高新技术企业"), default=False)
    is_specialized = models.BooleanField(_("专精特新"), default=False)
    is_little_giant = models.BooleanField(_("“小巨人”"), default=False)
    is_listed = models.BooleanField(_("上市企业"), default=False)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    established_on = models.DateField(_("成立日期"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("从业人数"), null=True, blank=True)
    # The power company applies differentiated-price surcharges by this account number.
    power_account = models.CharField(_("用电户号"), max_length=30, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    objects = EnterpriseQuerySet.as_manager()
    search_fields = ("name", "uscc")
    # core.querysets.ASSIGNED_TO_MY_DEPARTMENT: read by the departments its problems went to
    department_fields = (None, "problems__departments")

    LABEL_FIELDS = ("is_high_tech", "is_specialized", "is_little_giant", "is_listed")

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name", "pk"]
        indexes = [
            # the enterprise list filtered by town, most common query of every officer
            models.Index(fields=["region", "is_archived", "name"], name="ent_region_name"),
            # the industry filter matches on the leading digits
            models.Index(fields=["industry_code"], name="ent_industry"),
        ]

    def __str__(self):
        return self.name

    @property
    def industry_division(self) -> str:
        return DIVISIONS.get(division_of(self.industry_code), "")

    @property
    def size_label(self) -> str:
        return _("规上") if self.above_size else _("规下")

    def labels(self) -> list[str]:
        return [
            str(self._meta.get_field(f).verbose_name) for f in self.LABEL_FIELDS if getattr(self, f)
        ]


class LandParcel(BusinessModel):
    """用地 / 地块: a piece of land an enterprise holds, with its area in 亩."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="parcels"
    )
    certificate_no = models.CharField(_("不动产权证号"), max_length=60, blank=True)
    location = models.CharField(_("坐落"), max_length=200, blank=True)
    area_mu = models.DecimalField(
        _("面积（亩）"),
        max_digits=AREA_MAX_DIGITS,
        decimal_places=AREA_DECIMAL_PLACES,
        validators=[MinValueValidator(0)],
    )
    land_use = models.CharField(_("用途"), max_length=30, default="工业用地")
    acquired_on = models.DateField(_("取得日期"), null=True, blank=True)

    scope_field = "enterprise__region"

    class Meta:
        verbose_name = _("地块")
        verbose_name_plural = _("地块")
        ordering = ["enterprise", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_mu__gte=0),
                name="parcel_area_not_negative",
                violation_error_message=_("面积不能为负数"),
            )
        ]

    def __str__(self):
        return self.certificate_no or self.location or f"#{self.pk}"


class Contact(BusinessModel):
    """An enterprise's contact person."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)

    scope_field = "enterprise__region"

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")
        ordering = ["enterprise", "pk"]

    def __str__(self):
        return self.name
