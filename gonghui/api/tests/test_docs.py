"""The OpenAPI document and Swagger UI: behind a login, self-hosted, nothing the CSP would block."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from gonghui.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def console(world):
    client = Client()
    client.force_login(world.county_clerk)
    return client


def test_the_docs_address_from_the_issue_leads_to_the_current_version(world):
    for path in ("/api/docs", "/api/docs/"):
        response = Client().get(path)
        assert (response.status_code, response["Location"]) == (302, "/api/v1/docs")


def test_the_docs_page_sends_an_anonymous_visitor_to_log_in(world):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 302
    assert "next=/api/v1/docs" in response["Location"]


def test_the_docs_page_is_self_hosted_with_no_inline_code(console):
    response = console.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert not re.search(r"https?://", html)
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html, re.IGNORECASE)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    for attributes, body in scripts:
        # A JSON data block is never executed, so script-src does not govern it.
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes
        assert 'src="/static/' not in attributes or not body.strip()
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset
    assert '"validatorUrl": null' in html  # the default would load a badge from validator.swagger.io


def test_the_schema_needs_a_login_or_a_token(world, api_as, console):
    anonymous = Client().get("/api/v1/openapi.json")
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "unauthenticated"
    assert ApiClient("gh_wrong").get("/openapi.json").status_code == 401
    assert api_as("county_clerk").get("/openapi.json").json()["info"]["title"] == "Gonghui API"
    assert console.get("/api/v1/openapi.json").status_code == 200


def test_the_schema_documents_both_ways_to_authenticate(world, api_as):
    schema = api_as("county_clerk").get("/openapi.json").json()
    assert set(schema["components"]["securitySchemes"]) == {"BearerAuth", "SessionAuth", "PartnerKey",
                                                            "DeploymentSignature"}
    assert "security" not in schema["paths"]["/api/v1/auth/token"]["post"]
    assert schema["paths"]["/api/v1/orgs"]["get"]["security"] == [{"BearerAuth": []}, {"SessionAuth": []}]
    # Partners verifying membership hold a key of their own and nothing of a cadre's.
    assert schema["paths"]["/api/v1/verify/id"]["post"]["security"] == [{"PartnerKey": []}]


def test_operation_ids_keep_the_names_they_had_before_the_api_was_split_by_domain(world, api_as):
    # Client generators name their methods by these ids: moving a router into its domain's package
    # must not rename them.
    operations = api_as("county_clerk").get("/openapi.json").json()["paths"]
    ids = {op["operationId"] for path in operations.values() for op in path.values()}
    assert {
        "gonghui_api_auth_token_issue",
        "gonghui_api_orgs_org_list",
        "gonghui_api_employers_employer_list",
        "gonghui_api_regions_region_list",
        "gonghui_api_member_flows_transfer_list",
        "gonghui_api_cases_actions_accept",
        "gonghui_api_mutualaid_claims_claim_pay",
    } <= ids
