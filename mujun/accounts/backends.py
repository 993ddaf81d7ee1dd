"""Django's model backend, loading the user's region with the user: every page scopes its
rows by that region, and a second query for it on each request is a tenth of a list page."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import router

from mujun.core.compiled import KeyLookup


@cache
def _fields():
    from mujun.regions.models import Region

    from .models import User

    user = [f.attname for f in User._meta.concrete_fields]
    region = [f.attname for f in Region._meta.concrete_fields]
    return User, user, Region, region


def _by_pk(pk):
    User, user, _Region, region = _fields()
    # the region's columns through the (outer) join the nullable foreign key makes
    return User._default_manager.filter(pk=pk).values_list(
        *user, *(f"region__{name}" for name in region)
    )


# no user has a negative id
_LOOKUP = KeyLookup(_by_pk, -987654321)


class RegionModelBackend(ModelBackend):
    def get_user(self, user_id):
        User, user_fields, Region, region_fields = _fields()
        alias = router.db_for_read(User)
        try:
            rows = _LOOKUP.rows(alias, User._meta.pk.to_python(user_id))
        except (TypeError, ValueError, ValidationError):
            return None
        if not rows:
            return None
        values, split = rows[0], len(user_fields)
        user = User.from_db(alias, user_fields, values[:split])
        if user.region_id is not None:
            # assigned as Django's select_related would: no query when the page reads it
            user.region = Region.from_db(alias, region_fields, values[split:])
        return user if self.user_can_authenticate(user) else None
