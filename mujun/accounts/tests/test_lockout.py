"""One lockout on every way in, held under concurrency; tokens die with a password change and
are listed and revoked by their owner and by an admin (issue 21, item 6)."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from conftest import PASSWORD
from mujun.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def _login_page(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _admin_login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


def _token(client, username, password):
    return client.post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


WAYS = {"page": _login_page, "admin": _admin_login, "token": _token}


@pytest.mark.parametrize("way", WAYS)
def test_every_way_in_counts_failures_and_locks(client, cast, way):
    for _ in range(5):
        WAYS[way](client, "admin", "wrong")
    cast.admin.refresh_from_db()
    assert cast.admin.is_locked, way
    for other in WAYS.values():  # the right password is refused everywhere while locked
        response = other(client, "admin", PASSWORD)
        assert response.status_code in (200, 400, 401), way
    assert "_auth_user_id" not in client.session


def test_the_management_login_refuses_a_locked_admin_and_says_why(client, cast):
    for _ in range(5):
        _login_page(client, "admin", "wrong")
    response = _admin_login(client, "admin", PASSWORD)
    assert response.status_code == 200 and "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_failures_add_up_across_ways(client, cast):
    for way in ("page", "admin", "token", "admin", "page"):
        WAYS[way](client, "admin", "wrong")
    cast.admin.refresh_from_db()
    assert cast.admin.is_locked


def test_the_management_login_lets_an_unlocked_admin_in(client, cast):
    response = _admin_login(client, "admin", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_management_login_refuses_other_roles(client, cast):
    response = _admin_login(client, "town1", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_locked_account_checks_no_password(cast, monkeypatch):
    from mujun.accounts.actions import sign_in

    for _ in range(5):
        sign_in(None, username="town1", password="wrong")
    checked = []
    monkeypatch.setattr(User, "check_password", lambda self, raw: checked.append(raw))
    assert sign_in(None, username="town1", password=PASSWORD).user is None
    assert checked == []


@pytest.mark.django_db(transaction=True)
def test_simultaneous_wrong_passwords_check_at_most_five(cast, monkeypatch):
    """40 wrong attempts at once: each counted before its password is checked, by one
    conditional UPDATE, so no more than the limit are checked before the lock."""
    from mujun.accounts.actions import sign_in

    checks = []
    original = User.check_password

    def slow_check(self, raw):
        checks.append(raw)
        time.sleep(0.05)  # every attempt is in flight before the first answer
        return original(self, raw)

    monkeypatch.setattr(User, "check_password", slow_check)
    errors = []

    def attempt():
        try:
            sign_in(None, username="town2", password="wrong")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert 1 <= len(checks) <= 5
    assert User.objects.get(username="town2").is_locked


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class TestTokens:
    def test_a_password_change_revokes_every_token(self, client, cast):
        raw = ApiToken.issue(cast.town1)
        assert client.get("/api/enterprises", **_bearer(raw)).status_code == 200
        cast.town1.set_password("another-pass-456")
        cast.town1.save()
        assert client.get("/api/enterprises", **_bearer(raw)).status_code == 401
        assert not ApiToken.objects.filter(user=cast.town1).exists()

    def test_the_password_page_revokes_them(self, client, login, cast):
        raw = ApiToken.issue(cast.town1)
        response = login(cast.town1).post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "another-pass-456",
                "new_password2": "another-pass-456",
            },
        )
        assert response.status_code == 302
        client.logout()
        assert client.get("/api/enterprises", **_bearer(raw)).status_code == 401

    def test_an_admin_setting_a_password_revokes_them(self, client, login, cast):
        raw = ApiToken.issue(cast.town1)
        response = login(cast.admin).post(
            f"/admin/accounts/user/{cast.town1.pk}/password/",
            {"password1": "another-pass-456", "password2": "another-pass-456"},
        )
        assert response.status_code == 302
        client.logout()
        assert client.get("/api/enterprises", **_bearer(raw)).status_code == 401

    def test_an_unchanged_password_keeps_them(self, client, cast):
        raw = ApiToken.issue(cast.town1)
        cast.town1.full_name = "张三"
        cast.town1.save()
        _login_page(client, "town1", PASSWORD)  # a login may rehash; it changes nothing
        client.logout()
        assert client.get("/api/enterprises", **_bearer(raw)).status_code == 200

    def test_the_owner_lists_and_revokes_over_the_api(self, client, cast):
        raw = ApiToken.issue(cast.town1)
        other = ApiToken.issue(cast.town1)
        theirs = ApiToken.issue(cast.town2)
        listed = client.get("/api/auth/tokens", **_bearer(raw)).json()
        assert len(listed) == 2 and "token" not in listed[0] and "key_hash" not in listed[0]
        mine = ApiToken.objects.filter(user=cast.town1).order_by("pk")
        target = mine.last().pk
        assert client.delete(f"/api/auth/tokens/{target}", **_bearer(raw)).status_code == 204
        assert client.get("/api/enterprises", **_bearer(other)).status_code == 401
        theirs_pk = ApiToken.objects.get(user=cast.town2).pk
        assert client.delete(f"/api/auth/tokens/{theirs_pk}", **_bearer(raw)).status_code == 404
        assert client.get("/api/enterprises", **_bearer(theirs)).status_code == 200

    def test_the_owner_issues_lists_and_revokes_on_the_page(self, login, client, cast):
        page = login(cast.town1)
        issued = page.post(reverse("accounts:token_list"))
        assert issued.status_code == 200 and "只显示这一次" in issued.content.decode()
        token = ApiToken.objects.get(user=cast.town1)
        assert f"<td>{token.pk}</td>" in page.get(reverse("accounts:token_list")).content.decode()
        theirs = ApiToken.objects.get(pk=ApiToken.objects.create(user=cast.town2, key_hash="x").pk)
        assert page.post(reverse("accounts:token_revoke", args=[theirs.pk])).status_code == 404
        assert page.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
        assert not ApiToken.objects.filter(user=cast.town1).exists()
        assert ApiToken.objects.filter(pk=theirs.pk).exists()

    def test_an_admin_lists_and_revokes_tokens_in_scope(self, login, cast):
        from conftest import make_user
        from mujun.core.roles import Role

        town_admin = make_user("townadmin", Role.ADMIN, cast.regions.town1)
        ApiToken.issue(cast.town1)
        ApiToken.issue(cast.town2)
        client = login(town_admin)
        page = client.get("/admin/accounts/apitoken/").content.decode()
        assert "town1" in page and "town2" not in page
        mine = ApiToken.objects.get(user=cast.town1)
        theirs = ApiToken.objects.get(user=cast.town2)
        response = client.post(f"/admin/accounts/apitoken/{theirs.pk}/delete/", {"post": "yes"})
        assert response.status_code in (302, 403, 404)
        assert ApiToken.objects.filter(pk=theirs.pk).exists()
        response = client.post(f"/admin/accounts/apitoken/{mine.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
        assert not ApiToken.objects.filter(pk=mine.pk).exists()
