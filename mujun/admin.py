"""The management site: only admins (and superusers) manage users and regions, in scope."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from mujun.accounts.models import User
from mujun.core.roles import MANAGE, role_allows
from mujun.regions.models import Region


class MujunAdminSite(admin.AdminSite):
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
        qs = User.objects.select_related("region")
        if request.user.is_superuser:
            return qs
        if request.user.region_id is None:
            return qs.none()
        return qs.filter(region__path__startswith=request.user.region.path, is_superuser=False)

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: a user's name stays on every change they made.
        return False
