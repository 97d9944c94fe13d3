"""Which organisation fields exist in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from loket.organisations.models import Department, Location, OpeningException, Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "public_transport", "accessibility")


@register(Department)
class DepartmentTranslation(TranslationOptions):
    fields = ("name",)


@register(OpeningException)
class OpeningExceptionTranslation(TranslationOptions):
    fields = ("reason",)
