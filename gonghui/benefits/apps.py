from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    """会员普惠: partner merchants, their offers, and vouchers redeemed against the member card."""

    name = "gonghui.benefits"
    label = "benefits"

    def ready(self) -> None:
        import gonghui.benefits.exports
        import gonghui.benefits.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.benefits.models import BenefitEvent, Merchant, Offer, Voucher
        from gonghui.core.periodic import register_periodic
        from gonghui.orgs.paths import register_path_copy

        register_path_copy(Merchant, "org_path")
        register_path_copy(Offer, "org_path")
        register_path_copy(Voucher, "org_path")
        register_path_copy(BenefitEvent, "org_path")
        register_periodic("voucher_expire_due", "gonghui.benefits.tasks.voucher_expire_due_task")
