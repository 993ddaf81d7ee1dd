"""Each request's session and user come from lookups compiled once (core/compiled.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mujun.accounts.backends import RegionModelBackend
from mujun.accounts.sessions import SessionStore
from mujun.core.compiled import KeyLookup


def test_the_platform_uses_these_sessions():
    assert settings.SESSION_ENGINE == "mujun.accounts.sessions"


@pytest.mark.django_db
class TestSessionStore:
    def saved(self, **data):
        store = SessionStore()
        store.update(data)
        store.save()
        return store.session_key

    def test_reads_what_djangos_store_reads(self):
        key = self.saved(town="城关街道", n=3)
        assert (
            SessionStore(key).load() == db.SessionStore(key).load() == {"town": "城关街道", "n": 3}
        )

    def test_an_expired_session_is_no_session(self):
        key = self.saved(x=1)
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        store = SessionStore(key)
        assert store.load() == {} and store.session_key is None

    def test_an_unknown_or_malformed_key_is_no_session(self):
        assert SessionStore("a" * 32).load() == {}
        assert SessionStore("短").load() == {}

    def test_a_logged_out_session_is_gone(self, login, cast):
        client = login(cast.town1)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert client.get(reverse("core:home")).status_code == 200
        client.post(reverse("accounts:logout"))
        assert SessionStore(key).load() == {}
        assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
class TestUserLookup:
    def test_the_user_and_region_equal_the_orms(self, cast):
        user = RegionModelBackend().get_user(str(cast.town1.pk))
        from mujun.accounts.models import User

        orm = User.objects.select_related("region").get(pk=cast.town1.pk)
        fields = [f.attname for f in User._meta.concrete_fields]
        assert [getattr(user, f) for f in fields] == [getattr(orm, f) for f in fields]
        assert user.region.path == orm.region.path and user._state.db == "default"
        assert not user._state.adding

    def test_a_malformed_id_is_no_user(self, cast):
        assert RegionModelBackend().get_user("x1") is None
        assert RegionModelBackend().get_user(None) is None


@pytest.mark.django_db
class TestKeyLookup:
    def test_compiles_once_and_runs_each_key(self, cast):
        from mujun.accounts.models import User

        built = []

        def by_name(name):
            built.append(name)
            return User.objects.filter(username=name).values_list("pk", "last_login")

        lookup = KeyLookup(by_name, "\x00none")
        cast.town1.last_login = timezone.now()
        cast.town1.save()
        with CaptureQueriesContext(connection) as queries:
            assert lookup.rows("default", "town1") == [(cast.town1.pk, cast.town1.last_login)]
            assert lookup.rows("default", "town2") == [(cast.town2.pk, None)]
            assert lookup.rows("default", "nobody") == []
        assert built == ["\x00none"] and len(queries) == 3
        # the database's text is converted as the ORM converts it (an aware datetime)
        assert lookup.rows("default", "town1")[0][1].tzinfo is not None

    def test_the_stand_in_must_be_exactly_one_parameter(self, cast):
        from mujun.accounts.models import User

        twice = KeyLookup(lambda v: User.objects.filter(username=v, email=v).values_list("pk"), "s")
        with pytest.raises(ValueError, match="2"):
            twice.rows("default", "town1")


@pytest.mark.django_db
class TestTokenLookup:
    def test_the_user_and_region_come_in_one_query(self, cast, django_assert_num_queries):
        from mujun.accounts.actions import user_for_token
        from mujun.accounts.models import ApiToken

        raw = ApiToken.issue(cast.town1)
        ApiToken.objects.update(last_used_at=timezone.now())
        with django_assert_num_queries(1):
            user = user_for_token(raw)
            assert user == cast.town1 and user.region.name == "城关街道"

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
