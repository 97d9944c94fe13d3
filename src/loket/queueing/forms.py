"""The kiosk's form: which button was pressed, and an optional mobile number for a text message.

The choices are the buttons the kiosk shows now (``kiosk_selectors.kiosk_board``), so a forged or
stale value (a queue of another location, a closed queue, a service the queue does not serve) is
refused here, before any write. The service still checks everything again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.errors import DomainError
from loket.core.phone import clean_phone
from loket.queueing.kiosk_selectors import KioskOption


class KioskTicketForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("What do you come for?"),
        error_messages={
            "required": _("Choose what you come for."),
            "invalid_choice": _("This choice is not available now. Choose again."),
        },
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("Your mobile number"),
        required=False,
        max_length=20,
        help_text=_("We send you one text message when your turn is near. We use it for nothing else."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, options: Mapping[str, KioskOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        choice = self.fields["choice"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(value, str(option.label)) for value, option in options.items()]

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if not phone:
            return ""
        try:
            return clean_phone(phone)
        except DomainError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from None

    def option(self) -> KioskOption:
        return self.options[self.cleaned_data["choice"]]
