"""Forms of Mijn loket: they check the shape of what was typed, in the citizen's language.

Deciding and saving are the service functions' job (``portal``, ``services``,
``contacts.services``); a ``DomainError`` they raise is put on the field it names
(``add_domain_error``), where the page shows it next to the field (``aria-describedby`` comes
from Django's ``BoundField``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from loket.citizens.models import ConsentPurpose, Language, PreferredChannel
from loket.citizens.services import MAX_NAME_LENGTH
from loket.core.errors import DomainError

ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
MAX_MESSAGE_LENGTH = 5000


def _minutes_text(text: Any) -> str:
    return str(text) % {"minutes": settings.LOKET_SIGN_IN_LINK_MINUTES}


# Formatted when shown, in the request's language (not frozen at import time).
_lazy_minutes = lazy(_minutes_text, str)


def add_domain_error(form: forms.Form, error: DomainError, *, fields: dict[str, str] | None = None) -> None:
    """Show ``error`` next to its field (``fields`` maps a service's field name to the form's)."""
    name = (fields or {}).get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, str(error.message))


class SignInForm(forms.Form):
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_lazy_minutes(_("We send you a link to sign in. It works once, for %(minutes)d minutes.")),
        error_messages={"required": _("Please fill in your e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false", "inputmode": "email"}),
    )


class DetailsForm(forms.Form):
    """The citizen's own record. Not the e-mail address (the one they sign in with) nor the national number."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=MAX_NAME_LENGTH,
        help_text=_("First name and surname."),
        error_messages={"required": _("Please fill in your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        help_text=_("For example 30/07/1985."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
        error_messages={"invalid": _("Write the date like 30/07/1985.")},
        # A text field, not type=date: the browser's picker shows its own order (mm/dd/yyyy),
        # which contradicts the hint and is hard with a screen reader.
        widget=forms.DateInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}, format="%d/%m/%Y"),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        help_text=_("Mobile or landline, for example 0470 12 34 56."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}),
    )
    street = forms.CharField(
        label=_("Street and number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("Municipality"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    language = forms.ChoiceField(
        label=_("Language for our messages"),
        choices=[(Language.NL, "Nederlands"), (Language.FR, "Français"), (Language.EN, "English")],
    )
    preferred_channel = forms.ChoiceField(
        label=_("How we contact you"),
        choices=PreferredChannel.choices,
        help_text=_("For e-mail we use the address you sign in with; for a text or a call, your phone number."),
    )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)
    action = forms.ChoiceField(choices=[("give", "give"), ("withdraw", "withdraw")])


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        error_messages={
            "required": _("Please write your message."),
            "max_length": _("Your message is too long: at most %(limit_value)d characters."),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachment = forms.FileField(
        label=_("Add a document (optional)"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file."),
        widget=forms.FileInput(attrs={"accept": ACCEPTED_FILES}),
    )
