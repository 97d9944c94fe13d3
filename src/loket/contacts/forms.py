"""Forms of the contact-centre and back-office pages, and of the public request form.

They give the shape of what was typed, in the user's language; whether it is acceptable (tenancy,
transitions, the file's real type) is decided by ``services``, whose ``DomainError`` the views
show next to the field it names. Django renders ``aria-invalid`` and ``aria-describedby``
(``<id>_helptext``, ``<id>_error``) on each field; ``_field.html`` gives the matching ids.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.appointments.forms import MultipleFileField, file_size_hint
from loket.citizens.models import Language
from loket.contacts.models import ContactChannel, Direction, Outcome, RequestStatus
from loket.contacts.services import (
    MAX_REFERRED_LENGTH,
    MAX_SUBJECT_LENGTH,
    MAX_SUMMARY_LENGTH,
    MAX_TEXT_LENGTH,
)


def set_choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ContactForm(forms.Form):
    """The agent's log of one call, e-mail or visit: channel and outcome are all that is required."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=ContactChannel.choices,
        initial=ContactChannel.PHONE,
        error_messages={"required": _("Choose the channel."), "invalid_choice": _("Choose the channel.")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Choose how it ended")), *Outcome.choices],
        required=False,
        help_text=_("Not needed when you book an appointment or hand over a request: the button says it."),
        error_messages={"invalid_choice": _("Choose how the contact ended.")},
    )
    summary = forms.CharField(
        label=_("What was asked"),
        required=False,
        max_length=MAX_SUMMARY_LENGTH,
        help_text=_("One line. No more personal details than needed."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    referred_to = forms.CharField(
        label=_("Referred to (organisation)"),
        required=False,
        max_length=MAX_REFERRED_LENGTH,
        help_text=_("Only when you sent the citizen to another organisation."),
    )
    language = forms.ChoiceField(label=_("Language spoken"), choices=Language.choices)
    direction = forms.ChoiceField(label=_("Who made the contact"), choices=Direction.choices, initial=Direction.INBOUND)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), required=False, min_value=0, max_value=480, widget=forms.NumberInput()
    )
    # Quick entry of a person not yet known (all optional; a name makes a record).
    person_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    person_email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    person_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("For example 0470 12 34 56."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations and len(organisations) > 1:
            self.fields["organisation"] = forms.ChoiceField(
                label=_("For organisation"),
                choices=[("", _("Choose the organisation")), *organisations],
                error_messages={
                    "required": _("Choose the organisation this contact is about."),
                    "invalid_choice": _("Choose an organisation from the list."),
                },
            )
            self.order_fields(["channel", "organisation", "outcome"])
        self.fields["channel"].widget.attrs["autofocus"] = True


class HandOverForm(forms.Form):
    """Hand a request to a department: where it goes and what it is about."""

    department = forms.ChoiceField(
        label=_("Department"),
        error_messages={"required": _("Choose the department."), "invalid_choice": _("Choose the department.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=MAX_SUBJECT_LENGTH,
        help_text=_("What it is about, in one line. The citizen can read it in Mijn loket."),
        error_messages={"required": _("Say in a line what the request is about.")},
    )
    description = forms.CharField(
        label=_("What the citizen asks"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    person_name = forms.CharField(label=_("Name of the citizen"), required=False, max_length=200)
    person_email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    person_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args: Any,
        departments: list[tuple[str, str]],
        services: list[tuple[str, str]],
        needs_person: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "department", [("", _("Choose the department")), *departments])
        set_choices(self, "service", [("", _("No service in particular")), *services])
        self.fields["department"].widget.attrs["autofocus"] = True
        if not needs_person:
            for name in ("person_name", "person_email", "person_phone"):
                del self.fields[name]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=RequestStatus.choices,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Needed for “waiting for the citizen” and “rejected”. The citizen reads it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            labels = {**dict(RequestStatus.choices), RequestStatus.WAITING: _("Waiting for the citizen")}
            set_choices(self, "status", [(value, labels[value]) for value in RequestStatus.values if value in allowed])


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Give to"), required=False)

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "assignee", [("", _("Nobody")), *members])
        self.fields["assignee"].error_messages["invalid_choice"] = _("Choose someone of the department.")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("For colleagues only. The citizen never sees it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the citizen"),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("The citizen reads it in Mijn loket and gets an e-mail or text message saying it is there."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your message.")},
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=file_size_hint(_("PDF, JPEG or PNG, at most %(size)d MB each.")),
    )


class PublicRequestForm(forms.Form):
    """The citizen's own request, on the public site."""

    service = forms.ChoiceField(
        label=_("What is your request about?"),
        error_messages={
            "required": _("Choose what your request is about."),
            "invalid_choice": _("Choose from the list."),
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please fill in your name.")},
    )
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send your reference here, and tell you when something changes."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"required": _("Please fill in your e-mail address.")},
    )
    description = forms.CharField(
        label=_("Your question or request"),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Tell us what you need. Do not write your national register number or bank details here."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us what you need.")},
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "service", [("", _("Choose a service")), *services])
