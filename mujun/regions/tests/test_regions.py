import pytest

from mujun.regions.choices import Kind, Level
from mujun.regions.models import Region


@pytest.mark.django_db
class TestRegion:
    def test_path_runs_from_the_root(self, regions):
        assert regions.town1.path == "/330000/339100/339102/339102001/"
        assert regions.county.contains(regions.town1) and not regions.town1.contains(regions.town2)

    def test_subtree(self, regions):
        assert set(Region.objects.subtree(regions.county)) == {
            regions.county,
            regions.town1,
            regions.town2,
        }

    def test_unit_of_maps_a_region_to_the_unit_it_lies_under(self, regions):
        # a unit below a town (a park within it) counts for its town
        park = Region.objects.create(
            code="339102011",
            name="城关园区",
            level=Level.TOWN,
            kind=Kind.PARK,
            parent=regions.town1,
        )
        towns = [regions.town1, regions.town2]
        owner = Region.objects.unit_of(regions.county, towns)
        assert owner(regions.town1.pk) == owner(park.pk) == regions.town1.pk
        assert owner(regions.town2.pk) == regions.town2.pk
        # the county's own rows lie under no town; a region outside the subtree is unknown
        assert owner(regions.county.pk) is None
        assert owner(regions.county.parent_id) is None
        whole = Region.objects.unit_of(regions.town1, [regions.town1])
        assert whole(regions.town1.pk) == regions.town1.pk and whole(regions.town2.pk) is None

    @pytest.mark.parametrize(
        "kind, phrase",
        [
            (Kind.COUNTY, "全县"),
            (Kind.DISTRICT, "全区"),
            (Kind.TOWN, "全镇"),
            (Kind.STREET, "全街道"),
            (Kind.COUNTY_CITY, "全市"),
            (Kind.ZONE, "全区"),
        ],
    )
    def test_whole_phrase(self, kind, phrase):
        assert Region(code="339102", name="x", level=Level.COUNTY, kind=kind).whole_phrase == phrase

    def test_bad_code_is_refused(self):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            Region(code="12345", name="x", level=Level.TOWN, kind=Kind.TOWN).full_clean()

    def test_for_user_is_the_users_subtree(self, cast):
        assert set(Region.objects.for_user(cast.town1)) == {cast.regions.town1}
        assert Region.objects.for_user(cast.no_region).count() == 0
        assert Region.objects.for_user(cast.root).count() == 5
