from django.apps import AppConfig


class MutualaidConfig(AppConfig):
    """职工互助保障: plans, yearly enrolment from the member registry, claims and payouts."""

    name = "gonghui.mutualaid"
    label = "mutualaid"
