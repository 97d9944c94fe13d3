"""Forms of the staff appointment pages: the shape of what the agent typed, in the agent's language.

Whether a time is free and whether the details are acceptable is decided by ``services``; its
``DomainError`` is shown next to the field it names.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.appointments.forms import LANGUAGE_CHOICES
from loket.appointments.models import BookingChannel
from loket.appointments.services import MAX_NAME_LENGTH, MAX_REMARK_LENGTH

MESSAGE_CHANNEL_CHOICES = [("email", _("E-mail")), ("sms", _("SMS"))]

STAFF_CHANNEL_CHOICES = [
    (BookingChannel.RECEPTION, _("At the reception desk")),
    (BookingChannel.PHONE, _("On the phone")),
]


class StaffBookingForm(forms.Form):
    """Who comes, how the confirmation reaches them, and how the booking reached us."""

    name = forms.CharField(
        label=_("Name of the person"),
        max_length=MAX_NAME_LENGTH,
        error_messages={"required": _("Fill in the name of the person.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("The confirmation goes here. Give an e-mail address, a mobile number, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=30,
        help_text=_("For an SMS, for example 0470 12 34 56 or +32 470 12 34 56."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel", "type": "tel"}),
    )
    message_channel = forms.ChoiceField(
        label=_("Send the confirmation by"),
        choices=MESSAGE_CHANNEL_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Nothing chosen: by e-mail when there is an address, otherwise by SMS."),
        error_messages={"invalid_choice": _("Choose e-mail or SMS.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=LANGUAGE_CHOICES,
        error_messages={"invalid_choice": _("Choose Dutch, French or English.")},
    )
    remark = forms.CharField(
        label=_("Remark for the desk (optional)"),
        help_text=_("For example: comes with a wheelchair, needs an interpreter."),
        required=False,
        max_length=MAX_REMARK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    channel = forms.ChoiceField(
        label=_("Booked via"),
        choices=STAFF_CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose at the reception desk or on the phone.")},
    )
