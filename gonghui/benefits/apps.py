from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    """会员普惠: partner merchants, their offers, and vouchers redeemed against the member card."""

    name = "gonghui.benefits"
    label = "benefits"
