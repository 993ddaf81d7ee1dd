"""Screen links: a key opens its region's screen and figures, only the views chosen for it,
nothing else — no other page, no other API — and nothing once revoked."""

import json

import pytest

from mujun.screen.models import ScreenLink

pytestmark = pytest.mark.django_db


def make_link(region, views=(), name="县政府一楼大厅") -> tuple[ScreenLink, str]:
    link = ScreenLink(name=name, region=region, views=list(views))
    raw = link.new_key()
    link.save()
    return link, raw


def data(client, view, raw, **params):
    return client.get(f"/api/screen/{view}", params, HTTP_X_SCREEN_KEY=raw)


def test_only_the_keys_hash_is_stored(cast):
    link, raw = make_link(cast.regions.town1)
    assert len(raw) >= 40 and raw not in link.key_hash


def test_a_key_shows_its_towns_aggregates_only(client, cast, town_facts):
    link, raw = make_link(cast.regions.town1)
    page = client.get(f"/screen/?key={raw}")
    assert page.status_code == 200 and "城关街道" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    for view in ("economy", "projects", "attraction", "evaluation"):
        answer = data(client, view, raw)
        assert answer.status_code == 200
        body = answer.json()
        assert body["region"]["code"] == "339102001"
        assert "东岭" not in json.dumps(body, ensure_ascii=False)
    assert data(client, "projects", raw).json()["figures"]["red"] == 1
    link.refresh_from_db()
    assert link.last_used_at is not None


def test_a_key_does_not_reach_another_region(client, cast, town_facts):
    _, raw = make_link(cast.regions.town1)
    assert data(client, "projects", raw, region="339102002").status_code == 404
    assert data(client, "projects", raw, region="339102").status_code == 404
    page = client.get(f"/screen/?key={raw}&region=339102002").content.decode()
    assert "东岭镇" not in page


def test_a_key_shows_only_the_views_chosen_for_it(client, cast, town_facts):
    _, raw = make_link(cast.regions.county, views=["projects", "evaluation"])
    assert data(client, "projects", raw).status_code == 200
    assert data(client, "economy", raw).status_code == 404
    page = client.get(f"/screen/?key={raw}").content.decode()
    assert "项目建设" in page and 'id="view-economy"' not in page


def test_a_revoked_key_answers_404(client, cast, town_facts):
    link, raw = make_link(cast.regions.town1)
    link.revoke()
    assert client.get(f"/screen/?key={raw}").status_code == 404
    assert data(client, "projects", raw).status_code == 404
    assert client.get("/screen/?key=not-a-key").status_code == 404


def test_a_key_opens_no_other_page_and_no_other_api(client, cast, town_facts):
    _, raw = make_link(cast.regions.county)
    for url in ("/", "/projects/", "/enterprises/", "/indicators/", "/accounts/tokens/"):
        answer = client.get(f"{url}?key={raw}", HTTP_X_SCREEN_KEY=raw)
        assert answer.status_code == 302 and "/accounts/login/" in answer["Location"], url
    for url in (
        "/api/projects",
        "/api/enterprises",
        "/api/auth/tokens",
        "/api/indicators/values",
    ):
        assert client.get(url, HTTP_X_SCREEN_KEY=raw).status_code == 401, url
        bearer = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert bearer.status_code == 401, url
    assert client.get("/admin/", HTTP_X_SCREEN_KEY=raw).status_code == 302


def test_an_admin_makes_a_link_and_reads_its_key_once(client, cast):
    client.force_login(cast.admin)
    answer = client.post(
        "/admin/screen/screenlink/add/",
        {"name": "县政府一楼大厅", "region": cast.regions.town1.pk, "views": ["projects"]},
        follow=True,
    )
    assert answer.status_code == 200
    link = ScreenLink.objects.get()
    assert link.created_by == cast.admin and link.views == ["projects"]
    text = answer.content.decode()
    raw = text.split("/screen/?key=", 1)[1].split("<", 1)[0].split('"', 1)[0].strip()
    assert client.get(f"/screen/?key={raw}").status_code == 200
    listing = client.get("/admin/screen/screenlink/").content.decode()
    assert "县政府一楼大厅" in listing and raw not in listing


def test_an_admin_revokes_a_link_and_sees_only_their_subtree(client, cast):
    from conftest import make_user
    from mujun.core.roles import Role

    theirs, _ = make_link(cast.regions.town2, name="东岭镇大厅")
    mine, raw = make_link(cast.regions.town1, name="城关街道大厅")
    town_admin = make_user("townadmin", Role.ADMIN, cast.regions.town1)
    client.force_login(town_admin)
    listing = client.get("/admin/screen/screenlink/").content.decode()
    assert "城关街道大厅" in listing and "东岭镇大厅" not in listing
    client.post(
        "/admin/screen/screenlink/",
        {"action": "revoke", "_selected_action": [mine.pk, theirs.pk]},
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_revoked and not theirs.is_revoked
    assert client.get(f"/screen/?key={raw}").status_code == 404
