"""Which queue fields exist in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from loket.queueing.models import Queue


@register(Queue)
class QueueTranslation(TranslationOptions):
    fields = ("name",)
