"""The change history as a page shows it: no row ids, JSON cells listed as a person would."""

import pytest

from mujun.core.history import history_entries
from mujun.enterprises.testing import make_enterprise
from mujun.evaluation.models import EnterpriseYear


@pytest.mark.django_db
def test_a_creation_lists_facts_not_the_rows_id(cast):
    enterprise = make_enterprise(cast.regions.town1, name="青溪测试有限公司")
    (created,) = history_entries(enterprise)
    fields = [c.field for c in created.changes]
    assert "ID" not in fields and "id" not in fields
    assert ("企业名称", "青溪测试有限公司") in [(c.field, c.new) for c in created.changes]


@pytest.mark.django_db
def test_json_cells_are_listed_not_printed_as_a_dict(cast):
    enterprise = make_enterprise(cast.regions.town1)
    row = EnterpriseYear.objects.create(
        enterprise=enterprise, year=2025, extra={"safety_accident": "1", "patents": "3"}
    )
    (created,) = history_entries(row)
    shown = {c.field: c.new for c in created.changes}
    extra = shown["其他评价事项"]
    assert "{" not in extra and "'" not in extra
    assert extra.count("：") == 2 and "；" in extra
