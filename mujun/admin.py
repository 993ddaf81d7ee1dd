"""The management site: only admins (and superusers) manage users and regions, in scope."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mujun.accounts.actions import lock_message
from mujun.accounts.models import ApiToken, User
from mujun.core.forms import ChineseFormMixin
from mujun.core.roles import MANAGE, role_allows
from mujun.regions.models import Region


class LoginForm(AdminAuthenticationForm):
    """The management site's login: Django's form, whose ``authenticate`` goes through the
    platform's lockout (accounts/backends.py), saying so when the account is locked."""

    def confirm_login_allowed(self, user):
        # who may enter is the site's own rule (the admin role), not Django's is_staff flag
        if not role_allows(user, MANAGE):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )

    def get_invalid_login_error(self):
        user = User.objects.filter(username=self.cleaned_data.get("username")).first()
        message = lock_message(user) if user is not None else None
        if message:
            return ValidationError(message, code="locked")
        return super().get_invalid_login_error()


class MujunAdminSite(admin.AdminSite):
    login_form = LoginForm
    site_header = _("亩均平台 · 系统管理")
    site_title = _("亩均平台")
    index_title = _("用户与行政区划")

    def has_permission(self, request):
        return role_allows(request.user, MANAGE)


site = MujunAdminSite(name="admin")


class ScopedAdmin(admin.ModelAdmin):
    """Admins act only inside their own region subtree."""

    def _allowed(self, request, obj=None):
        if not role_allows(request.user, MANAGE):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    has_add_permission = has_module_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def get_form(self, request, obj=None, **kwargs):
        # the platform's labels and empty choice (core.forms) on Django's admin forms too
        form = super().get_form(request, obj, **kwargs)
        if issubclass(form, ChineseFormMixin):
            return form
        return type(form.__name__, (ChineseFormMixin, form), {})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from mujun.service.models import Department

        if db_field.related_model is Region:
            kwargs["queryset"] = Region.objects.for_user(request.user, MANAGE)
        if db_field.related_model is Department:
            # the departments of the regions this admin manages
            regions = Region.objects.for_user(request.user, MANAGE)
            kwargs["queryset"] = Department.objects.filter(region__in=regions, is_archived=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region, site=site)
class RegionAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "kind", "parent", "is_peer"]
    list_filter = ["level", "kind", "is_peer"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return Region.objects.for_user(request.user, MANAGE).select_related("parent")

    def has_delete_permission(self, request, obj=None):
        # Regions are referenced by every record; they are never deleted from the UI.
        return False


@admin.register(User, site=site)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "role", "region", "is_active", "locked_until"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("身份"),
            {"fields": ("full_name", "email", "role", "region", "department", "is_active")},
        ),
        (_("登录"), {"fields": ("failed_logins", "locked_until", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "password1",
                    "password2",
                    "full_name",
                    "role",
                    "region",
                    "department",
                )
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        return users_in_scope(request)

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: a user's name stays on every change they made.
        return False


def users_in_scope(request):
    """The users an admin manages: those of their region's subtree (every user for a
    superuser), never a superuser."""
    qs = User.objects.select_related("region")
    if request.user.is_superuser:
        return qs
    if request.user.region_id is None:
        return qs.none()
    return qs.filter(region__path__startswith=request.user.region.path, is_superuser=False)


@admin.register(ApiToken, site=site)
class ApiTokenAdmin(ScopedAdmin):
    """The API tokens of the users in scope: seen and revoked (deleted), never made or edited
    here (a token's value is shown once, to its owner, on the 账号与接口令牌 page)."""

    list_display = ["pk", "user", "created_at", "last_used_at", "expires_at"]
    list_filter = ["user__role"]
    search_fields = ["user__username", "user__full_name"]
    fields = ["user", "created_at", "last_used_at", "expires_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return ApiToken.objects.filter(user__in=users_in_scope(request)).select_related("user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
