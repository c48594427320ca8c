import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Do in the process that loads the app what every worker would otherwise do on its first request.

    gunicorn loads the app once and forks its workers from it (`preload_app`), and replaces each worker
    after `max_requests`. Django imports the URLconf (every view module, the API and its schemas) and the
    translation catalogues lazily, on the first request: 3.3 s of a fresh worker's first answer on the
    load shape, paid again by every replacement. Done here, the forked workers inherit it all. Nothing here
    opens a database connection.
    """
    from django.conf import settings
    from django.urls import get_resolver, reverse
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view module
    reverse("portal:home")  # builds the reverse lookup tables of every namespace
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # loads each language's catalogue
            translation.gettext("工会")


_warm_up()
