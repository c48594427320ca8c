from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gonghui.accounts"
    label = "accounts"

    def ready(self) -> None:
        import gonghui.accounts.exports  # noqa: F401  (registers the account list's and audit log's exports)
