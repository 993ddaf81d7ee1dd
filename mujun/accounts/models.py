import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mujun.core.roles import Role


class User(AbstractUser):
    """A platform user: one region (and so its subtree) and one role."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("管辖范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices, default=Role.VIEWER)
    # A department user's department: the problems assigned to it are what they see and work
    # (core.querysets.ASSIGNED_TO_MY_DEPARTMENT); other roles leave it empty.
    department = models.ForeignKey(
        "service.Department",
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    failed_logins = models.PositiveIntegerField(_("连续登录失败次数"), default=0)
    # the columns the user chose for each list (core.tables.Table.name → column keys), kept on
    # the user, who is read on every request anyway
    table_columns = models.JSONField(_("列表显示的列"), default=dict, blank=True, editable=False)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # ``set_password`` leaves the new password in ``_password`` until the save: a changed
        # password revokes every API token of the user, as it ends their other sessions
        # (a password upgraded to a newer hash on login leaves ``_password`` empty).
        changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if changed:
            self.api_tokens.all().delete()

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token. Only its hash is stored; the raw value is shown once when issued."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, user, *, days: int = 30) -> str:
        raw = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            key_hash=hash_token(raw),
            expires_at=timezone.now() + timezone.timedelta(days=days),
        )
        return raw
