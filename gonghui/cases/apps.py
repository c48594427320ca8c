from django.apps import AppConfig


class CasesConfig(AppConfig):
    """维权: the 12351 hotline and the one case engine behind mediation, legal aid and petitions."""

    name = "gonghui.cases"
    label = "cases"
