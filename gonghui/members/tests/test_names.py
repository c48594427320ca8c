import pytest
from django.core.management import call_command

from gonghui.core.audit_models import AuditEntry
from gonghui.members.models import Member
from gonghui.orgs.models import TradeUnion

pytestmark = pytest.mark.django_db


def test_the_command_counts_then_rewrites_names_stored_before_the_rules(world, capsys):
    member = world.membership.member
    # Rows written before names were normalised, as they sit in an older database.
    Member.objects.filter(pk=member.pk).update(name="崔\u202e丽丽\u200b\u200d\ufeff", name_initials="")
    TradeUnion.objects.filter(pk=world.township.pk).update(name="\ufeff某某街道  总工会")
    version = member.version

    call_command("names_normalize")
    assert "member: 1 to rewrite" in capsys.readouterr().out
    assert Member.objects.get(pk=member.pk).name != "崔丽丽"

    call_command("names_normalize", "--apply")
    member.refresh_from_db()
    assert (member.name, member.name_initials, member.version) == ("崔丽丽", "cll", version + 1)
    union = TradeUnion.objects.get(pk=world.township.pk)
    assert (union.name, union.name_initials) == ("某某街道 总工会", "mmjdzgh")
    assert AuditEntry.objects.filter(action="text.names_normalize", object_type="members.member").exists()
    call_command("names_normalize")
    assert "member: 0 to rewrite" in capsys.readouterr().out
