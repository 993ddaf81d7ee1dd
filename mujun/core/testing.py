"""Scope tests are inherited, not remembered (STYLE.md §3).

A model's tests subclass ``ViewScopeSuite`` and/or ``ApiScopeSuite`` and say how to make an
object in a region; every rule of scope is then tested for it: anonymous → login / 401, a role
without the action → 403, own town → 200, other town → 404, never listed or exported, and a
refused write changes nothing. Each named scope rule (core/querysets.py) is tested too, both
ways: a peer region's object and the county's own object are readable by a town officer
exactly when the model's queryset names the rule that lets them through, and never writable;
and two departments' users see a town's object only when the model names
``assigned_to_my_department`` and the object is brought to their own department (``assign``).
``test_every_business_model_has_scope_suites`` fails for a model without a suite.
"""

import pytest
from django.urls import reverse

SUITES: dict[str, set] = {"view": set(), "api": set()}


def _snapshot(obj):
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


def peer_region():
    """A region read from a peer's published report (对标地区), outside the installation's tree."""
    from mujun.regions.choices import Kind, Level
    from mujun.regions.models import Region

    return Region.objects.get_or_create(
        code="360302",
        defaults={"name": "萍乡经开区", "level": Level.TOWN, "kind": Kind.ZONE, "is_peer": True},
    )[0]


def _rules(model) -> set[str]:
    return {rule.name for rule in model.objects.all().scope_rules}


def _readable(rule: str, model) -> bool:
    return rule in _rules(model)


class _Registered:
    model = None
    kind = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            SUITES[cls.kind].add(cls.model)


@pytest.mark.django_db
class ViewScopeSuite(_Registered):
    kind = "view"
    # URL names taking the object's pk, opened with GET by a viewer
    view_urls: tuple[str, ...] = ()
    # URL names taking the pk whose GET shows a form that changes the object
    change_urls: tuple[str, ...] = ()
    # the list page (its rows and its export must hide other towns)
    list_url: str | None = None
    # a POST to change the object: (url name, data builder)
    post_url: str | None = None

    def make(self, region):  # pragma: no cover - every suite defines it
        raise NotImplementedError

    def assign(self, obj, department):  # pragma: no cover - suites of models naming the rule
        """Bring ``obj`` to ``department`` (a problem escalated to it, an enterprise with such
        a problem): the suites of models that name ``assigned_to_my_department`` define it."""
        raise NotImplementedError

    def post_data(self, obj) -> dict:
        return {}

    def marker(self, obj) -> str:
        """Text that shows the object is listed."""
        return str(obj)

    def test_anonymous_is_sent_to_login(self, client, cast):
        obj = self.make(cast.regions.town1)
        for name in (*self.view_urls, *self.change_urls):
            response = client.get(reverse(name, args=[obj.pk]))
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_own_town_opens(self, login, cast):
        obj = self.make(cast.regions.town1)
        client = login(cast.town1)
        for name in (*self.view_urls, *self.change_urls):
            assert client.get(reverse(name, args=[obj.pk])).status_code == 200, name

    def test_other_town_gets_404(self, login, cast):
        obj = self.make(cast.regions.town2)
        client = login(cast.town1)
        for name in (*self.view_urls, *self.change_urls):
            assert client.get(reverse(name, args=[obj.pk])).status_code == 404, name

    def test_county_user_sees_every_town(self, login, cast):
        obj = self.make(cast.regions.town2)
        client = login(cast.leader)
        for name in self.view_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == 200, name

    def test_user_without_region_sees_nothing(self, login, cast):
        obj = self.make(cast.regions.town1)
        client = login(cast.no_region)
        for name in self.view_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == 404, name

    def test_viewer_gets_403_on_forms(self, login, cast):
        obj = self.make(cast.regions.town1)
        client = login(cast.viewer)
        for name in self.change_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == 403, name

    def test_a_peer_regions_object_follows_the_peer_rule(self, login, cast):
        obj = self.make(peer_region())
        client = login(cast.town1)
        expected = 200 if _readable("peer_regions_readable", self.model) else 404
        for name in self.view_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == expected, name
        for name in self.change_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == 404, name

    def test_the_countys_object_follows_the_parent_rule(self, login, cast):
        obj = self.make(cast.regions.county)
        client = login(cast.town1)
        expected = 200 if _readable("parent_regions_readable", self.model) else 404
        for name in self.view_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == expected, name
        for name in self.change_urls:
            assert client.get(reverse(name, args=[obj.pk])).status_code == 404, name

    def test_list_and_export_hide_other_towns(self, login, cast):
        if not self.list_url:
            pytest.skip("no list page")
        mine = self.make(cast.regions.town1)
        theirs = self.make(cast.regions.town2)
        client = login(cast.town1)
        page = client.get(reverse(self.list_url)).content.decode()
        assert self.marker(mine) in page
        assert self.marker(theirs) not in page
        export = client.get(reverse(self.list_url) + "?export=xlsx")
        assert export.status_code == 200
        from mujun.core.spreadsheets import read_rows

        cells = {c for row in read_rows("x.xlsx", export.content) for c in row}
        assert self.marker(mine) in cells
        assert self.marker(theirs) not in cells

    def test_departments_follow_the_department_rule(self, login, cast, depts):
        obj = self.make(cast.regions.town1)
        named = _readable("assigned_to_my_department", self.model)
        if named:
            self.assign(obj, depts.one)
        for user, expected in ((depts.user1, 200 if named else 404), (depts.user2, 404)):
            client = login(user)
            for name in self.view_urls:
                assert client.get(reverse(name, args=[obj.pk])).status_code == expected, name
            for name in self.change_urls:
                assert client.get(reverse(name, args=[obj.pk])).status_code in (403, 404), name
            if self.list_url:
                page = client.get(reverse(self.list_url)).content.decode()
                assert (self.marker(obj) in page) == (expected == 200), self.list_url
        if self.post_url:
            before = _snapshot(obj)
            response = login(depts.user1).post(
                reverse(self.post_url, args=[obj.pk]), self.post_data(obj)
            )
            assert response.status_code in (403, 404) and _snapshot(obj) == before

    def test_refused_writes_change_nothing(self, login, cast):
        if not self.post_url:
            pytest.skip("no write url")
        theirs = self.make(cast.regions.town2)
        before = _snapshot(theirs)
        for user, status in ((cast.town1, 404), (cast.viewer, 403)):
            response = login(user).post(
                reverse(self.post_url, args=[theirs.pk]), self.post_data(theirs)
            )
            assert response.status_code == status
            assert _snapshot(theirs) == before


@pytest.mark.django_db
class ApiScopeSuite(_Registered):
    kind = "api"
    base: str = ""  # e.g. "/api/enterprises"
    # whether ``{base}/{id}`` answers PATCH (a run is never patched: its verbs are POSTs)
    patchable = True

    def make(self, region):  # pragma: no cover
        raise NotImplementedError

    def patch_data(self, obj) -> dict:
        return {"version": obj.version}

    def assign(self, obj, department):  # pragma: no cover - suites of models naming the rule
        raise NotImplementedError

    def test_departments_follow_the_department_rule(self, client, cast, depts):
        obj = self.make(cast.regions.town1)
        named = _readable("assigned_to_my_department", self.model)
        if named:
            self.assign(obj, depts.one)
        for user, expected in ((depts.user1, 200 if named else 404), (depts.user2, 404)):
            headers = self.token_for(client, user)
            assert client.get(f"{self.base}/{obj.pk}", **headers).status_code == expected
            ids = {item["id"] for item in client.get(self.base, **headers).json()["items"]}
            assert (obj.pk in ids) == (expected == 200)
        if self.patchable:
            before = _snapshot(obj)
            response = client.patch(
                f"{self.base}/{obj.pk}",
                self.patch_data(obj),
                content_type="application/json",
                **self.token_for(client, depts.user1),
            )
            assert response.status_code in (403, 404) and _snapshot(obj) == before

    def token_for(self, client, user):
        from mujun.accounts.models import ApiToken

        return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}

    def test_anonymous_gets_401(self, client, cast):
        obj = self.make(cast.regions.town1)
        assert client.get(self.base).status_code == 401
        assert client.get(f"{self.base}/{obj.pk}").status_code == 401

    def test_other_town_gets_404(self, client, cast):
        obj = self.make(cast.regions.town2)
        headers = self.token_for(client, cast.town1)
        assert client.get(f"{self.base}/{obj.pk}", **headers).status_code == 404

    def test_own_town_gets_200(self, client, cast):
        obj = self.make(cast.regions.town1)
        headers = self.token_for(client, cast.town1)
        assert client.get(f"{self.base}/{obj.pk}", **headers).status_code == 200

    def test_list_hides_other_towns(self, client, cast):
        mine = self.make(cast.regions.town1)
        theirs = self.make(cast.regions.town2)
        headers = self.token_for(client, cast.town1)
        ids = {item["id"] for item in client.get(self.base, **headers).json()["items"]}
        assert mine.pk in ids and theirs.pk not in ids

    def test_peer_and_county_objects_follow_their_rules(self, client, cast):
        headers = self.token_for(client, cast.town1)
        for region, rule in (
            (peer_region(), "peer_regions_readable"),
            (cast.regions.county, "parent_regions_readable"),
        ):
            obj = self.make(region)
            expected = 200 if _readable(rule, self.model) else 404
            assert client.get(f"{self.base}/{obj.pk}", **headers).status_code == expected, rule
            if not self.patchable:
                continue
            before = _snapshot(obj)
            response = client.patch(
                f"{self.base}/{obj.pk}",
                self.patch_data(obj),
                content_type="application/json",
                **headers,
            )
            # refused by scope (404) or, where the role may not write at all, by role (403)
            assert response.status_code in (403, 404), f"PATCH {rule}"
            assert _snapshot(obj) == before

    def test_refused_patch_changes_nothing(self, client, cast):
        if not self.patchable:
            pytest.skip("no PATCH")
        theirs = self.make(cast.regions.town2)
        before = _snapshot(theirs)
        for user, status in ((cast.town1, 404), (cast.viewer, 403)):
            response = client.patch(
                f"{self.base}/{theirs.pk}",
                self.patch_data(theirs),
                content_type="application/json",
                **self.token_for(client, user),
            )
            assert response.status_code == status
            assert _snapshot(theirs) == before
