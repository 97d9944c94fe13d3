"""Forms of the public catalogue pages: the search box and "Something wrong on this page?".

Forms only check the shape of what a citizen typed and say what is wrong in their language;
saving is ``services.content_report_create``'s job, never the form's.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

REPORT_MESSAGE_MAX_LENGTH = 2000


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"),
        help_text=_("Describe it in your own words, for example: passport, I am moving, building permit."),
        required=False,
        max_length=200,
        strip=True,
    )
    life_event = forms.SlugField(required=False, widget=forms.HiddenInput)


class ContentReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or missing on this page?"),
        help_text=_("Do not write personal details such as your national register number."),
        max_length=REPORT_MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what is wrong or missing on this page."),
            "max_length": _("Keep your message under %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only if you would like to hear from us when the page is corrected."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.be, or leave it empty.")},
    )
