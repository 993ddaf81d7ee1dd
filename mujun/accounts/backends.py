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


def user_columns(path: str = "") -> list[str]:
    """The columns ``user_from_row`` reads, for ``values_list`` from a model whose ``path``
    (``"user__"``) leads to the user: the user's, then its region's through the (outer) join
    the nullable foreign key makes."""
    _User, user, _Region, region = _fields()
    return [*(path + name for name in user), *(f"{path}region__{name}" for name in region)]


def user_from_row(alias: str, values):
    """The user of ``user_columns``' values, with its region as select_related leaves it."""
    User, user_fields, Region, region_fields = _fields()
    split = len(user_fields)
    user = User.from_db(alias, user_fields, values[:split])
    if user.region_id is not None:
        # assigned as Django's select_related would: no query when the page reads it
        user.region = Region.from_db(alias, region_fields, values[split:])
    return user


# no user has a negative id
_LOOKUP = KeyLookup(
    lambda pk: _fields()[0]._default_manager.filter(pk=pk).values_list(*user_columns()), -987654321
)


class RegionModelBackend(ModelBackend):
    def get_user(self, user_id):
        User = _fields()[0]
        alias = router.db_for_read(User)
        try:
            rows = _LOOKUP.rows(alias, User._meta.pk.to_python(user_id))
        except (TypeError, ValueError, ValidationError):
            return None
        if not rows:
            return None
        user = user_from_row(alias, rows[0])
        return user if self.user_can_authenticate(user) else None
