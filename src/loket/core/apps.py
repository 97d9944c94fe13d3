import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "loket.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from loket.core import checks  # noqa: F401 - registers the system checks

        if settings.LOKET_LOG_FORMAT == "json":
            # Python's warnings become log records too, so every line on stderr is one JSON object.
            logging.captureWarnings(True)
