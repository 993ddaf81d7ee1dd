from types import SimpleNamespace

import pytest

from mujun.indicators.models import IndicatorValue
from mujun.reader import demo
from mujun.reader.models import Report


@pytest.mark.django_db
def test_demo_reads_the_five_packaged_seed_reports(cast):
    logged = []
    demo.build(SimpleNamespace(users={"demo-admin": cast.admin}, log=logged.append))
    assert Report.objects.count() == 5
    pingxiang = IndicatorValue.objects.filter(region__name="萍乡经济技术开发区", year=2022, month=5)
    assert pingxiang.count() == 6 and all(v.region.is_peer for v in pingxiang)
    # 沈荡镇's 2017 review has no date, but it states its year: a full-year figure
    assert IndicatorValue.objects.filter(region__name="沈荡镇", year=2017, month=12).exists()
    assert "读取 5 篇报告" in logged[0]
