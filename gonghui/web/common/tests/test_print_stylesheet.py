"""Every console page carries the print stylesheet, and the stylesheet leaves out what is not data."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_every_console_page_links_the_print_stylesheet_and_a_print_head(world, login):
    page = login("county_admin").get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/web/console_print.css" media="print">' in page
    assert 'class="gh-print-head" hidden><span>成都市锦江区总工会</span>' in page


def test_the_print_stylesheet_hides_navigation_and_controls_and_repeats_table_headers():
    css = Path(finders.find("web/console_print.css")).read_text()
    for rule in (".gh-sidebar", ".gh-topbar", ".pagination", ".gh-actions", ".gh-lang-form", ".btn",
                 "form:not(:has(table))", "details.gh-action", ".gh-nav-badge",
                 ".table thead { display: table-header-group; }", "break-inside: avoid",
                 "a[href]::after { content: none !important; }", ".gh-print-head { display: flex !important;"):
        assert rule in css, rule
