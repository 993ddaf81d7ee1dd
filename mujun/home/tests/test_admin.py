"""An admin's home page: what they manage, the sizes, and the daily run's last day."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mujun.home import system
from mujun.projects.models import AlertRefresh

pytestmark = pytest.mark.django_db


class TestSystem:
    def test_users_and_regions_the_admin_manages(self, cast):
        users = {role: n for role, _name, n in system.users_by_role(cast.admin)}
        assert users == {"admin": 1, "leader": 1, "officer": 2, "department": 1, "viewer": 1}
        regions = {level: n for level, _name, n in system.regions_by_level(cast.admin)}
        assert regions == {"county": 1, "town": 2}
        assert system.system(cast.admin).town_count == 2

    def test_the_database_has_a_size(self, cast):
        assert system.database_bytes() > 0
        total, free = system.disk_usage()
        assert total >= free > 0

    def test_the_daily_run_records_the_day_it_ran(self, cast):
        assert system.system(cast.admin).last_refresh is None
        call_command("project_alerts", as_of="2026-03-02", stdout=StringIO())
        call_command("project_alerts", stdout=StringIO())
        last = system.system(cast.admin).last_refresh
        assert last.as_of == timezone.localdate() and AlertRefresh.objects.count() == 2


class TestAdminPage:
    def test_the_system_panel_above_the_leaders(self, login, cast):
        call_command("project_alerts", stdout=StringIO())
        page = login(cast.admin).get(reverse("home:home")).content.decode()
        assert 'id="system"' in page and 'id="flags-by-town"' in page
        assert timezone.localdate().strftime("%Y-%m-%d") in page

    def test_a_superuser_reads_the_installations_top(self, login, cast):
        page = login(cast.root).get(reverse("home:home")).content.decode()
        assert 'id="system"' in page and "浙江省 · 工作台" in page
