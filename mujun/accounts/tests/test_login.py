import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD


@pytest.mark.django_db
class TestLogin:
    def test_login_page_is_chinese(self, client):
        page = client.get(reverse("accounts:login")).content.decode()
        assert "登录亩均平台" in page and "用户名" in page

    def test_login_lands_on_home(self, client, cast):
        response = client.post(
            reverse("accounts:login"), {"username": "town1", "password": PASSWORD}, follow=True
        )
        assert "城关街道" in response.content.decode()

    def test_pages_need_login(self, client):
        response = client.get(reverse("home:home"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_five_failures_lock_for_fifteen_minutes(self, client, cast):
        for _ in range(5):
            client.post(reverse("accounts:login"), {"username": "town1", "password": "wrong"})
        cast.town1.refresh_from_db()
        assert cast.town1.is_locked
        minutes = (cast.town1.locked_until - timezone.now()).total_seconds() / 60
        assert 14 < minutes <= 15
        refused = client.post(
            reverse("accounts:login"), {"username": "town1", "password": PASSWORD}
        )
        assert refused.status_code == 400 and "锁定" in refused.content.decode()

    def test_four_failures_then_success_resets_the_count(self, client, cast):
        for _ in range(4):
            client.post(reverse("accounts:login"), {"username": "town1", "password": "wrong"})
        assert (
            client.post(
                reverse("accounts:login"), {"username": "town1", "password": PASSWORD}
            ).status_code
            == 302
        )
        cast.town1.refresh_from_db()
        assert cast.town1.failed_logins == 0 and not cast.town1.is_locked

    def test_lock_expires(self, client, cast):
        cast.town1.locked_until = timezone.now() - timezone.timedelta(seconds=1)
        cast.town1.save()
        assert (
            client.post(
                reverse("accounts:login"), {"username": "town1", "password": PASSWORD}
            ).status_code
            == 302
        )

    def test_token_endpoint_shares_the_lockout(self, client, cast):
        for _ in range(5):
            client.post(
                "/api/auth/token",
                {"username": "town1", "password": "x"},
                content_type="application/json",
            )
        response = client.post(
            "/api/auth/token",
            {"username": "town1", "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 401 and "锁定" in response.json()["detail"]

    def test_unknown_user_same_message_as_wrong_password(self, client, cast):
        a = client.post(
            reverse("accounts:login"), {"username": "nobody", "password": "x"}
        ).content.decode()
        b = client.post(
            reverse("accounts:login"), {"username": "town1", "password": "x"}
        ).content.decode()
        assert "用户名或密码不正确" in a and "用户名或密码不正确" in b

    def test_next_must_stay_on_site(self, client, cast):
        response = client.post(
            reverse("accounts:login") + "?next=https://evil.example/",
            {"username": "town1", "password": PASSWORD},
        )
        assert response["Location"] == reverse("home:home")

    def test_logout_is_post_only(self, login, cast):
        client = login(cast.town1)
        assert client.get(reverse("accounts:logout")).status_code == 405
        assert client.post(reverse("accounts:logout")).status_code == 302

    def test_expired_or_unknown_token_gets_401(self, client, cast):
        from mujun.accounts.models import ApiToken

        raw = ApiToken.issue(cast.town1)
        ApiToken.objects.update(expires_at=timezone.now() - timezone.timedelta(days=1))
        assert client.get("/api/enterprises", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
        assert (
            client.get("/api/enterprises", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
        )
