"""Each request reads its user with the user's region in one query, from the session or from
an API token."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mujun.accounts.backends import RegionModelBackend


@pytest.mark.django_db
class TestRegionModelBackend:
    def test_user_comes_with_its_region_in_one_query(self, cast, django_assert_num_queries):
        with django_assert_num_queries(1) as read:
            user = RegionModelBackend().get_user(cast.town1.pk)
            assert user.region.name == "城关街道"
        assert "ORDER BY" not in read.captured_queries[0]["sql"]  # one row by key: nothing to sort
        assert user == cast.town1

    def test_unknown_or_inactive_user_is_none(self, cast):
        backend = RegionModelBackend()
        assert backend.get_user(987654) is None
        cast.town2.is_active = False
        cast.town2.save()
        assert backend.get_user(cast.town2.pk) is None

    def test_a_user_without_region_still_loads(self, cast):
        user = RegionModelBackend().get_user(cast.no_region.pk)
        assert user == cast.no_region and user.region is None

    def test_a_logged_in_session_loads_through_it(self, login, cast):
        client = login(cast.town1)
        response = client.get("/")
        assert response.status_code == 200 and "城关街道" in response.content.decode()
        assert client.session["_auth_user_backend"] == "mujun.accounts.backends.RegionModelBackend"


@pytest.mark.django_db
class TestTokenLookup:
    def test_the_user_and_region_come_in_one_query(self, cast, django_assert_num_queries):
        from mujun.accounts.actions import user_for_token
        from mujun.accounts.models import ApiToken

        raw = ApiToken.issue(cast.town1)
        ApiToken.objects.update(last_used_at=timezone.now())
        with django_assert_num_queries(1) as read:
            user = user_for_token(raw)
            assert user == cast.town1 and user.region.name == "城关街道"
        assert "ORDER BY" not in read.captured_queries[0]["sql"]

    def test_a_token_call_reads_no_more_than_a_session_call(self, client, cast):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from mujun.accounts.models import ApiToken

        auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(cast.town1)}"}
        client.get("/api/auth/tokens", **auth)  # the use of the minute, recorded once
        session = Client()
        session.force_login(cast.town1)
        with CaptureQueriesContext(connection) as by_token:
            assert client.get("/api/auth/tokens", **auth).status_code == 200
        with CaptureQueriesContext(connection) as by_session:
            assert session.get("/api/auth/tokens").status_code == 200
        assert len(by_token) <= len(by_session)
        assert not any(q["sql"].startswith("UPDATE") for q in by_token.captured_queries)

    def test_a_locked_or_inactive_user_has_no_token(self, cast):
        from mujun.accounts.actions import user_for_token
        from mujun.accounts.models import ApiToken

        raw = ApiToken.issue(cast.town1)
        cast.town1.locked_until = timezone.now() + timedelta(minutes=5)
        cast.town1.save()
        assert user_for_token(raw) is None
        cast.town1.locked_until = None
        cast.town1.is_active = False
        cast.town1.save()
        assert user_for_token(raw) is None

    def test_its_use_is_recorded_at_most_once_a_minute(self, cast):
        from mujun.accounts.actions import user_for_token
        from mujun.accounts.models import ApiToken

        raw = ApiToken.issue(cast.town2)
        assert user_for_token(raw) == cast.town2
        first = ApiToken.objects.get().last_used_at
        assert first is not None
        user_for_token(raw)
        assert ApiToken.objects.get().last_used_at == first
        ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
        user_for_token(raw)
        assert ApiToken.objects.get().last_used_at > first
