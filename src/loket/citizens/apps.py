from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "loket.citizens"
    label = "citizens"
    verbose_name = _("Citizen record")

    def ready(self) -> None:
        from loket.citizens import checks  # noqa: F401 - registers the deploy check
