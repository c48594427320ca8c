import pytest

from gonghui.accounts.models import Grant, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_login(client, world):
    def as_admin(username: str):
        User.objects.filter(username=username).update(totp_confirmed=False)
        # These roles require TOTP; the tests log in past it by marking the session as done.
        user = User.objects.get(username=username)
        client.force_login(user)
        return client

    return as_admin


def test_the_system_administrator_creates_an_account(admin_login, world):
    client = admin_login("sysadmin")
    response = client.post("/users/new/", {"username": "new.cadre", "full_name": "新干部", "password": "Strong#Pass1",
                                           "target": world.county.pk})
    user = User.objects.get(username="new.cadre")
    assert response["Location"] == f"/users/{user.pk}/"
    assert user.org == world.county and user.must_change_password


def test_the_security_administrator_grants_a_role(admin_login, world):
    client = admin_login("secadmin")
    target = world.county_clerk
    client.post(f"/users/{target.pk}/grants/", {"role": "reviewer", "target": world.county.pk})
    assert Grant.objects.filter(user=target, role="reviewer", revoked_at__isnull=True).exists()
    page = client.get(f"/users/{target.pk}/").content.decode()
    assert "审核" in page


def test_separation_of_duties_is_explained_on_the_page(admin_login, world):
    client = admin_login("secadmin")
    response = client.post(f"/users/{world.auditor.pk}/grants/", {"role": "clerk", "target": world.county.pk},
                           follow=True)
    assert "三员分立" in response.content.decode()


def test_the_auditor_sees_the_audit_log_but_no_accounts(admin_login, world):
    client = admin_login("auditor")
    page = client.get("/audit/", {"action": "org."}).content.decode()
    assert "新增工会" in page
    assert client.get("/users/").status_code == 403
    assert client.get(f"/users/{world.county_admin.pk}/").status_code == 403
    assert client.get("/password-resets/").status_code == 403


def test_a_county_cadre_cannot_read_the_audit_log(client, world):
    client.force_login(world.county_admin)
    assert client.get("/audit/").status_code == 403


def test_the_deployment_security_administrator_picks_and_grants_any_root(admin_login, world):
    from django.core.management import call_command

    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.orgs.scope import SystemActor
    from gonghui.orgs.services import union_create_root
    from gonghui.testing.world import make_user

    second = union_create_root(actor=SystemActor("tests"), name="某产业工会", kind=UnionKind.FEDERATION,
                               level=Level.NATIONAL)
    pick = {"perm": "grant.manage", "q": "某产业"}
    # A security administrator inside one tree neither finds nor grants the other root.
    client = admin_login("secadmin")
    assert f'value="{second.pk}"' not in client.get("/orgs/pick/", pick).content.decode()
    response = client.post(f"/users/{world.county_admin.pk}/grants/", {"role": "reviewer", "target": second.pk})
    assert response.status_code == 404
    make_user("deploy_sec", world.national, "secadmin")
    call_command("grant_all_roots", "deploy_sec")
    client = admin_login("deploy_sec")
    assert f'value="{second.pk}"' in client.get("/orgs/pick/", pick).content.decode()
    client.post(f"/users/{world.national_admin.pk}/grants/", {"role": "union_admin", "target": second.pk})
    assert Grant.objects.active().filter(user=world.national_admin, role="union_admin", org=second).exists()
