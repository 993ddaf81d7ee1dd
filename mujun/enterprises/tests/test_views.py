import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from mujun.core.testing import ViewScopeSuite
from mujun.enterprises.models import Enterprise, LandParcel
from mujun.enterprises.testing import make_enterprise, new_uscc


def form_data(enterprise, **changes):
    data = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "region": enterprise.region.code,
        "industry_code": enterprise.industry_code,
        "version": enterprise.version,
    }
    data.update(changes)
    return data


class TestEnterpriseViewScope(ViewScopeSuite):
    model = Enterprise
    view_urls = ("enterprises:enterprise", "enterprises:enterprise_history")
    change_urls = ("enterprises:enterprise_edit", "enterprises:enterprise_archive")
    list_url = "enterprises:enterprise_list"
    post_url = "enterprises:enterprise_edit"

    def make(self, region):
        return make_enterprise(region)

    def post_data(self, obj):
        return form_data(obj, name="改名企业")

    def assign(self, obj, department):
        # a department reads the enterprise of a problem assigned to it
        from mujun.service.testing import assign, make_problem

        assign(make_problem(enterprise=obj), department)


class TestLandParcelViewScope(ViewScopeSuite):
    model = LandParcel
    change_urls = ("enterprises:landparcel_edit",)
    post_url = "enterprises:landparcel_edit"

    def make(self, region):
        return LandParcel.objects.create(enterprise=make_enterprise(region), area_mu=10)

    def post_data(self, obj):
        return {"area_mu": "99", "land_use": "工业用地", "version": obj.version}


@pytest.mark.django_db
class TestEnterpriseList:
    def test_filters_by_town_size_label_and_search(self, login, cast):
        r = cast.regions
        a = make_enterprise(r.town1, name="青溪甲机械有限公司", above_size=True, is_high_tech=True)
        b = make_enterprise(r.town2, name="青溪乙塑料有限公司", industry_code="2926")
        client = login(cast.leader)
        url = reverse("enterprises:enterprise_list")

        def names(query):
            return client.get(url + query).content.decode()

        assert a.name in names(f"?region={r.town1.code}") and b.name not in names(
            f"?region={r.town1.code}"
        )
        assert b.name in names("?industry=29") and a.name not in names("?industry=29")
        assert a.name in names("?size=above") and b.name not in names("?size=above")
        assert a.name in names("?label=is_high_tech") and b.name not in names("?label=is_high_tech")
        assert b.name in names("?q=乙塑料") and a.name not in names("?q=乙塑料")
        assert a.name in names(f"?q={a.uscc[:10]}")

    def test_region_filter_offers_only_own_towns(self, login, cast):
        page = login(cast.town1).get(reverse("enterprises:enterprise_list")).content.decode()
        assert "城关街道" in page and "东岭镇" not in page

    def test_paginates(self, login, cast):
        for _ in range(12):
            make_enterprise(cast.regions.town1)
        page = login(cast.town1).get(reverse("enterprises:enterprise_list") + "?per_page=10")
        assert "第 1 / 2 页" in page.content.decode()

    def test_htmx_request_gets_only_the_table(self, login, cast):
        make_enterprise(cast.regions.town1)
        response = login(cast.town1).get(
            reverse("enterprises:enterprise_list"), HTTP_HX_REQUEST="true"
        )
        assert "<html" not in response.content.decode()
        assert "<table" in response.content.decode()

    def test_the_export_links_follow_the_filters_changed_in_place(self, login, cast):
        # the filters change the rows in place (htmx): the export links outside them come
        # along, so that 导出 exports what the page now shows
        make_enterprise(cast.regions.town1, name="城关甲公司")
        url = reverse("enterprises:enterprise_list")
        response = login(cast.town1).get(url + "?q=甲公司", HTTP_HX_REQUEST="true")
        exports = re.search(
            r'<span id="exports"[^>]*>(.*?)</span>', response.content.decode(), re.S
        )
        assert 'hx-swap-oob="true"' in exports.group(0)
        links = re.findall(r'href="\?([^"]+)"', exports.group(1))
        assert [parse_qs(unescape(q)) for q in links] == [
            {"q": ["甲公司"], "export": ["xlsx"]},
            {"q": ["甲公司"], "export": ["csv"]},
        ]
        whole = login(cast.town1).get(url + "?q=甲公司").content.decode()
        assert whole.count('id="exports"') == 1 and "hx-swap-oob" not in whole

    def test_archived_hidden_unless_asked(self, login, cast):
        e = make_enterprise(cast.regions.town1, is_archived=True)
        kept = make_enterprise(cast.regions.town1)
        client = login(cast.town1)
        assert e.name not in client.get(reverse("enterprises:enterprise_list")).content.decode()
        shown = client.get(reverse("enterprises:enterprise_list") + "?archived=on").content
        page = shown.decode()
        assert e.name in page and kept.name in page
        # and marked as archived, the row and its first cell
        assert page.count('<tr class="archived">') == 1 and page.count("已归档</span>") == 1

    def test_empty_state(self, login, cast):
        page = login(cast.town1).get(reverse("enterprises:enterprise_list")).content.decode()
        assert "没有符合条件的记录" in page


@pytest.mark.django_db
class TestEnterpriseEditing:
    def test_officer_creates_in_own_town(self, login, cast):
        client = login(cast.town1)
        uscc = new_uscc()
        response = client.post(
            reverse("enterprises:enterprise_add"),
            {
                "name": "新企业有限公司",
                "uscc": uscc,
                "region": cast.regions.town1.code,
                "industry_code": "3411",
            },
        )
        assert response.status_code == 302
        assert Enterprise.objects.get(uscc=uscc).region == cast.regions.town1

    def test_officer_cannot_create_in_other_town(self, login, cast):
        client = login(cast.town1)
        uscc = new_uscc()
        response = client.post(
            reverse("enterprises:enterprise_add"),
            {
                "name": "越界企业",
                "uscc": uscc,
                "region": cast.regions.town2.code,
                "industry_code": "3411",
            },
        )
        assert response.status_code == 400
        assert not Enterprise.objects.filter(uscc=uscc).exists()

    def test_bad_uscc_is_explained(self, login, cast):
        response = login(cast.town1).post(
            reverse("enterprises:enterprise_add"),
            {
                "name": "x",
                "uscc": "91110000802100433A",
                "region": cast.regions.town1.code,
                "industry_code": "3411",
            },
        )
        assert "校验码错误" in response.content.decode()

    def test_stale_version_is_refused_and_input_kept(self, login, cast):
        e = make_enterprise(cast.regions.town1)
        client = login(cast.town1)
        stale = form_data(e, name="我的修改")
        assert (
            client.post(
                reverse("enterprises:enterprise_edit", args=[e.pk]), form_data(e, name="别人的修改")
            ).status_code
            == 302
        )
        response = client.post(reverse("enterprises:enterprise_edit", args=[e.pk]), stale)
        assert response.status_code == 409
        page = response.content.decode()
        assert "我的修改" in page
        # said once, in the alert box above the fields
        assert page.count("已被他人修改") == 1 and page.count('role="alert"') == 1
        e.refresh_from_db()
        assert e.name == "别人的修改" and e.version == 2

    def test_archive_keeps_the_row_and_its_history(self, login, cast):
        e = make_enterprise(cast.regions.town1)
        client = login(cast.town1)
        client.post(reverse("enterprises:enterprise_archive", args=[e.pk]))
        e.refresh_from_db()
        assert e.is_archived
        history = client.get(
            reverse("enterprises:enterprise_history", args=[e.pk])
        ).content.decode()
        assert "归档" in history

    def test_history_shows_who_which_field_from_what_to_what(self, login, cast):
        e = make_enterprise(cast.regions.town1, name="旧名称有限公司")
        client = login(cast.town1)
        client.post(
            reverse("enterprises:enterprise_edit", args=[e.pk]), form_data(e, name="新名称有限公司")
        )
        page = client.get(reverse("enterprises:enterprise_history", args=[e.pk])).content.decode()
        assert "城关街道经办人" in page or "town1" in page
        assert "企业名称" in page and "旧名称有限公司" in page and "新名称有限公司" in page

    def test_detail_shows_parcels_and_total(self, login, cast):
        e = make_enterprise(cast.regions.town1, area_mu="12.5")
        LandParcel.objects.create(enterprise=e, area_mu="7.5", certificate_no="证2")
        page = (
            login(cast.town1).get(reverse("enterprises:enterprise", args=[e.pk])).content.decode()
        )
        assert "20.00" in page and "证2" in page

    def test_officer_adds_a_parcel(self, login, cast):
        e = make_enterprise(cast.regions.town1)
        response = login(cast.town1).post(
            reverse("enterprises:landparcel_add", args=[e.pk]),
            {"certificate_no": "新证", "area_mu": "3.25", "land_use": "工业用地"},
        )
        assert response.status_code == 302
        assert e.parcels.get().area_mu == pytest.approx(3.25)

    def test_parcel_add_for_other_town_is_404(self, login, cast):
        e = make_enterprise(cast.regions.town2)
        response = login(cast.town1).post(
            reverse("enterprises:landparcel_add", args=[e.pk]),
            {"area_mu": "3", "land_use": "工业用地"},
        )
        assert response.status_code == 404
        assert not e.parcels.exists()
