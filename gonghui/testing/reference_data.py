"""Reference data that data migrations seed: contract kinds and the key-term codebook, the 民主管理
rules, the honours' award kinds, the national working-day calendar, the work report's chapters, the
统计年报's forms (both versions). A transaction-less test (browser tests, the threaded race tests)
empties every table at teardown, so the tests after it would find none: the root conftest seeds them
again, committed, after each such test. Every seed is idempotent."""

import importlib

from django.apps import apps

SEEDS = [("gonghui.contracts.migrations.0002_seed_kinds_and_codebook", "seed"),
         ("gonghui.democracy.migrations.0002_seed_rules", "seed"),
         ("gonghui.honours.migrations.0002_seed_award_kinds", "seed"),
         ("gonghui.workdays.migrations.0002_seed_library_calendar", "seed"),
         ("gonghui.positions.migrations.0002_seed_kinds_and_services", "seed"),
         ("gonghui.reports.migrations.0003_seed_work_report_sections", "seed"),
         ("gonghui.reports.migrations.0004_risk_radar", "seed"),
         ("gonghui.reports.migrations.0005_annual_statistics", "seed"),
         ("gonghui.reports.migrations.0010_stat_forms_v2_contract_metrics_and_checks_between_forms", "forward"),
         ("gonghui.reports.migrations.0007_work_report_sentences", "seed")]


def seed_reference_data() -> None:
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
