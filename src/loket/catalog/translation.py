"""Which catalogue fields exist in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from loket.catalog.models import SERVICE_TEXT_FIELDS, LifeEvent, Service, ServiceChannel


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = SERVICE_TEXT_FIELDS


@register(LifeEvent)
class LifeEventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ServiceChannel)
class ServiceChannelTranslation(TranslationOptions):
    fields = ("instructions",)
