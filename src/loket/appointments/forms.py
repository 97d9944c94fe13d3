"""Forms of the booking pages: they check the shape of what was typed, in the citizen's language.

Deciding whether a time is free, whether a person may book, and saving are the service functions'
job (``services``); a ``DomainError`` they raise is shown next to the field it names.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from loket.appointments.services import MAX_NAME_LENGTH, MAX_REMARK_LENGTH

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _size_text(text: Any) -> str:
    return str(text) % {"size": settings.LOKET_DOCUMENT_MAX_BYTES // 2**20}


# Filled in when shown, in the language of the request: formatting a lazy text at import time
# would freeze it in the language active then.
file_size_hint = lazy(_size_text, str)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for ``<input type=file multiple>``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_FILES}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ContactForm(forms.Form):
    """Who comes: the details step of the booking, and the waiting list."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=MAX_NAME_LENGTH,
        error_messages={"required": _("Please fill in your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("We send the confirmation here. Give an e-mail address, a mobile number, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=30,
        help_text=_("For an SMS, for example 0470 12 34 56 or +32 470 12 34 56."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Language of our messages"),
        choices=LANGUAGE_CHOICES,
        error_messages={"invalid_choice": _("Choose Dutch, French or English.")},
    )


class BookingDetailsForm(ContactForm):
    remark = forms.CharField(
        label=_("Anything we should know? (optional)"),
        help_text=_("For example: I come with a wheelchair, or I need a sign language interpreter."),
        required=False,
        max_length=MAX_REMARK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    documents = MultipleFileField(
        label=_("Send documents beforehand (optional)"),
        help_text=file_size_hint(_("PDF, JPEG or PNG, at most %(size)d MB each. The desk can then prepare your file.")),
        required=False,
    )


class DocumentsForm(forms.Form):
    # Not "required" here: an empty upload gets the service's message ("Choose a file to send").
    documents = MultipleFileField(
        label=_("Add documents"),
        help_text=file_size_hint(_("PDF, JPEG or PNG, at most %(size)d MB each.")),
        required=False,
    )


class ReferenceForm(forms.Form):
    """The kiosk's one field: the reference typed, or scanned from the QR code (a scanner types it)."""

    reference = forms.CharField(
        label=_("Your reference"),
        max_length=20,
        help_text=_("It has 8 letters and digits and is in your confirmation. You can also scan the QR code."),
        error_messages={"required": _("Type the reference from your confirmation.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "autofocus": True}
        ),
    )

    def clean_reference(self) -> str:
        return "".join(ch for ch in self.cleaned_data["reference"].upper() if ch.isalnum())
