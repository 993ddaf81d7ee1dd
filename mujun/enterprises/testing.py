"""Test helpers other apps' tests reuse to make enterprises."""

import itertools
import random
from decimal import Decimal

from .demo import make_uscc
from .models import Enterprise, LandParcel

_counter = itertools.count(1)
_rng = random.Random(7)


def new_uscc(county_code: str = "339102") -> str:
    return make_uscc(_rng, county_code)


def make_enterprise(region, *, area_mu=None, **fields) -> Enterprise:
    n = next(_counter)
    values = {
        "name": f"测试企业{n}有限公司",
        "uscc": new_uscc(),
        "industry_code": "3411",
    }
    values.update(fields)
    enterprise = Enterprise.objects.create(region=region, **values)
    if area_mu is not None:
        LandParcel.objects.create(enterprise=enterprise, area_mu=Decimal(str(area_mu)))
    return enterprise
