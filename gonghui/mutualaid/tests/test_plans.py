import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.mutualaid.models import MutualAidEvent
from gonghui.mutualaid.services import plan_close, plan_create, plan_open, plan_update

from .conftest import plan_data

pytestmark = pytest.mark.django_db


def test_a_county_creates_a_draft_plan_with_its_path_an_event_and_an_audit_row(world):
    plan = plan_create(actor=world.county_admin, union=world.county, data=plan_data(kind="住院医疗互助"))
    assert (plan.status, plan.kind, plan.org_path, str(plan.premium)) == ("draft", "inpatient", world.county.path,
                                                                          "60.00")
    assert MutualAidEvent.objects.filter(plan=plan, action="plan_create").count() == 1
    assert AuditEntry.objects.filter(action="mutualaid.plan_create", object_id=str(plan.pk)).count() == 1


def test_only_cadres_holding_the_grant_at_the_running_union_create_a_plan(world, grassroots_clerk, county2_admin):
    with pytest.raises(NotFound):
        plan_create(actor=grassroots_clerk, union=world.county, data=plan_data())
    with pytest.raises(NotFound):
        plan_create(actor=county2_admin, union=world.county, data=plan_data())
    assert plan_create(actor=world.province_officer, union=world.county, data=plan_data()).union == world.county


@pytest.mark.parametrize(("change", "field"), [
    ({"ends_on": None}, "ends_on"),
    ({"yearly_limit": "5000"}, "yearly_limit"),
    ({"premium": "-1"}, "premium"),
    ({"per_claim_limit": "12.345"}, "per_claim_limit"),
    ({"waiting_days": 400}, "waiting_days"),
    ({"kind": "养老互助"}, "kind"),
    ({"name": ""}, "name"),
])
def test_a_wrong_field_is_named_in_the_refusal(world, change, field):
    data = plan_data(**change)
    if change.get("ends_on", 1) is None:
        data["ends_on"] = data["starts_on"]
    with pytest.raises(ValidationFailed) as refused:
        plan_create(actor=world.county_admin, union=world.county, data=data)
    assert refused.value.field == field
    assert refused.value.as_dict()["message_zh"]


def test_a_union_cannot_run_two_plans_of_one_name_in_a_year(world, make_plan):
    make_plan()
    with pytest.raises(ValidationFailed) as refused:
        make_plan()
    assert refused.value.code == "duplicate"


def test_the_rules_are_fixed_once_the_plan_opens_but_the_name_is_not(world, make_plan):
    draft = make_plan(opened=False)
    draft = plan_update(actor=world.county_admin, plan=draft, data={"premium": "80"})
    assert str(draft.premium) == "80.00"
    opened = plan_open(actor=world.county_admin, plan=draft)
    with pytest.raises(ValidationFailed) as refused:
        plan_update(actor=world.county_admin, plan=opened, data={"yearly_limit": "20000"})
    assert refused.value.code == "rules_locked"
    seen = opened.version
    renamed = plan_update(actor=world.county_admin, plan=opened, data={"name": "2026年度职工住院互助"})
    assert renamed.name == "2026年度职工住院互助" and renamed.version == seen + 1


def test_a_plan_moves_draft_open_closed_and_never_back(world, make_plan):
    plan = make_plan(opened=False)
    with pytest.raises(ValidationFailed):
        plan_close(actor=world.county_admin, plan=plan)
    plan = plan_close(actor=world.county_admin, plan=plan_open(actor=world.county_admin, plan=plan))
    assert plan.status == "closed"
    with pytest.raises(ValidationFailed) as refused:
        plan_open(actor=world.county_admin, plan=plan)
    assert refused.value.code == "bad_transition"


def test_an_edit_on_a_stale_copy_is_a_conflict(world, make_plan):
    plan = make_plan(opened=False)
    seen = plan.version
    plan_update(actor=world.county_admin, plan=plan, data={"name": "新名称"})
    with pytest.raises(Conflict):
        plan_update(actor=world.county_admin, plan=plan, data={"name": "另一个名称"}, version=seen)
