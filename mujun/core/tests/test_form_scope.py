"""Every form's region choices equal what the API lets the same user write (issue 21, item 2).

A form that saves a model offers the regions ``Region.objects.for_user(user, action)`` lets
through for the write (``add`` for a new object, ``change`` for a stored one, ``manage`` for a
scheme), narrowed only by the form's own domain (an enterprise or a project lies in a town): a
peer region (对标地区) or the county above a town is never offered to a town officer, and a
region that is not offered is refused on POST as the API refuses it.
"""

import pytest
from django.urls import reverse

from mujun.attraction.forms import ActivityForm, LeadForm
from mujun.attraction.testing import make_activity, make_lead, make_official
from mujun.core.roles import ADD, CHANGE, MANAGE
from mujun.core.testing import peer_region
from mujun.enterprises.forms import EnterpriseForm
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation.forms import SchemeForm
from mujun.evaluation.testing import make_scheme
from mujun.indicators.forms import IndicatorValueForm, TargetForm
from mujun.indicators.models import IndicatorValue, Target
from mujun.indicators.testing import make_target, make_value
from mujun.officials.forms import OfficialForm
from mujun.projects.forms import ProjectForm
from mujun.projects.testing import make_project
from mujun.regions.models import Region
from mujun.service.forms import CommonIssueForm, DepartmentForm
from mujun.service.models import CommonIssue
from mujun.service.testing import make_department

# the form's own domain: town-level units, the installation's own regions (no peer, 对标地区),
# or any region the user may write
TOWNS, OWN, ANY = "towns", "own", "any"

# form → (how to make a stored object in a region, the write action for a new object, the
# form's domain)
FORMS = {
    EnterpriseForm: (lambda region: make_enterprise(region), ADD, TOWNS),
    ProjectForm: (lambda region: make_project(region), ADD, TOWNS),
    IndicatorValueForm: (lambda region: make_value(region), ADD, ANY),
    TargetForm: (lambda region: make_target(region), ADD, ANY),
    SchemeForm: (lambda region: make_scheme(region), MANAGE, ANY),
    OfficialForm: (lambda region: make_official(region), ADD, OWN),
    ActivityForm: (lambda region: make_activity(region), ADD, OWN),
    LeadForm: (lambda region: make_lead(region), ADD, OWN),
    DepartmentForm: (lambda region: make_department(region), ADD, OWN),
    CommonIssueForm: (
        lambda region: CommonIssue.objects.create(
            title="用电增容", category="power", region=region
        ),
        ADD,
        OWN,
    ),
}


def _offered(form) -> set[str]:
    return {region.code for region in form.fields["region"].queryset}


def _writable(user, action, domain) -> set[str]:
    regions = Region.objects.for_user(user, action)
    if domain == TOWNS:
        regions = regions.towns()
    elif domain == OWN:
        regions = regions.filter(is_peer=False)
    return set(regions.values_list("code", flat=True))


def test_every_model_form_with_a_region_is_listed_here():
    """A new form with a region field joins FORMS, and so these tests."""
    from mujun.core.forms import ScopedModelForm

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    with_region = {
        form
        for form in subclasses(ScopedModelForm)
        if "region" in form.base_fields and not form.__module__.endswith("imports")
    }
    assert with_region <= set(FORMS), with_region - set(FORMS)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("who", ["town1", "admin", "leader", "root"])
def test_region_choices_equal_the_writable_scope(cast, form_class, who):
    peer_region()
    make, new_action, domain = FORMS[form_class]
    user = getattr(cast, who)

    new = form_class(user=user)
    assert _offered(new) == _writable(user, new_action, domain)

    stored = make(cast.regions.town1)
    edit_action = MANAGE if new_action == MANAGE else CHANGE
    edit = form_class(instance=stored, user=user)
    assert _offered(edit) == _writable(user, edit_action, domain)


@pytest.mark.django_db
def test_a_town_officer_is_offered_only_the_own_town(cast):
    peer_region()
    for form_class in (IndicatorValueForm, TargetForm, EnterpriseForm, ProjectForm):
        assert _offered(form_class(user=cast.town1)) == {"339102001"}, form_class.__name__


@pytest.mark.django_db
class TestPagesRefuseOtherRegions:
    """The pages refuse a region they do not offer, as the API does (422): a peer region, the
    county above the town, another town; on a new and on a stored value."""

    def _value_post(self, region, indicator="industrial_output_above_size", **extra):
        return {
            "region": region.code,
            "indicator": indicator,
            "year": 2026,
            "month": 5,
            "amount": "12",
            "unit": "万元",
            **extra,
        }

    @pytest.mark.parametrize("where", ["peer", "county", "town2"])
    def test_new_value_outside_the_town_is_refused(self, login, cast, where):
        region = {"peer": peer_region(), "county": cast.regions.county}.get(
            where, cast.regions.town2
        )
        client = login(cast.town1)
        response = client.post(reverse("indicators:indicatorvalue_add"), self._value_post(region))
        assert response.status_code == 400
        assert not IndicatorValue.objects.filter(region=region).exists()

    def test_new_target_in_a_peer_region_is_refused(self, login, cast):
        peer = peer_region()
        response = login(cast.town1).post(
            reverse("indicators:target_add"),
            {
                "region": peer.code,
                "indicator": "industrial_output_above_size",
                "year": 2026,
                "amount": "100",
                "unit": "万元",
            },
        )
        assert response.status_code == 400
        assert not Target.objects.filter(region=peer).exists()

    def test_an_own_value_is_not_moved_into_a_peer_region(self, login, cast):
        value = make_value(cast.regions.town1)
        peer = peer_region()
        response = login(cast.town1).post(
            reverse("indicators:indicatorvalue_edit", args=[value.pk]),
            self._value_post(peer, version=value.version),
        )
        assert response.status_code == 400
        value.refresh_from_db()
        assert value.region == cast.regions.town1

    def test_the_api_refuses_the_same_write(self, client, cast):
        from mujun.accounts.models import ApiToken

        peer = peer_region()
        response = client.post(
            "/api/indicators/values",
            [
                {
                    "region": peer.code,
                    "indicator": "industrial_output_above_size",
                    "year": 2026,
                    "month": 5,
                    "value": "12",
                    "unit": "万元",
                }
            ],
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.town1)}",
        )
        assert response.status_code == 422
        assert not IndicatorValue.objects.filter(region=peer).exists()
