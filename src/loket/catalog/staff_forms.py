"""The catalogue editor's service form: every text in Dutch, French and English, channels, settings.

The form checks the shape of what was typed (numbers are numbers) and turns it into the ``data``
that ``services.service_update`` takes; the rules (a title in some language, an online channel
needs its link...) live in that service function, and the view puts its errors next to the
fields named here. The form never saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.catalog.models import SERVICE_TEXT_FIELDS, ChannelKind, Service
from loket.organisations.models import Department

LANGUAGES = (("nl", "Nederlands"), ("fr", "Français"), ("en", "English"))
SHORT_TEXT_FIELDS = frozenset({"title", "processing_time"})
CHANNEL_TEXT = ("url", "phone")


def one_line(value: str) -> None:
    """A title is also the subject of e-mails (appointment confirmations): a line break there makes
    the header invalid, and the mail is never sent. Typed in a one-line field, it can only be pasted."""
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Write this on one line."), code="multi_line")


def text_field_name(name: str, lang: str) -> str:
    return f"{name}_{lang}"


def channel_field_name(kind: str, part: str) -> str:
    return f"channel_{kind}_{part}"


class ServiceEditForm(forms.Form):
    """All editable parts of one service, built from the model so labels and help stay in one place."""

    loaded_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        service: Service,
        departments: list[Department],
        readability_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        for name in SERVICE_TEXT_FIELDS:
            model_field = Service._meta.get_field(name)
            for lang, language_name in LANGUAGES:
                # Each text is described by the field's hint and its own readability score.
                attrs = {"lang": lang, "aria-describedby": f"hint-{name} read-{name}-{lang}"}
                if readability_url:
                    # With JavaScript, the score follows the text as the editor types (htmx);
                    # without it, the score is that of the last saved or submitted text.
                    attrs.update(
                        {
                            "hx-post": readability_url,
                            "hx-trigger": "input changed delay:700ms",
                            "hx-params": text_field_name(name, lang),
                            "hx-target": f"#read-{name}-{lang}",
                            "hx-swap": "outerHTML",
                        }
                    )
                widget: forms.Widget = (
                    forms.TextInput(attrs=attrs)
                    if name in SHORT_TEXT_FIELDS
                    else forms.Textarea(attrs={"rows": 5, **attrs})
                )
                self.fields[text_field_name(name, lang)] = forms.CharField(
                    label=language_name,
                    required=False,
                    strip=True,
                    widget=widget,
                    max_length=getattr(model_field, "max_length", None),
                    validators=[one_line] if name in SHORT_TEXT_FIELDS else [],
                )
        self.fields["duration_minutes"] = forms.IntegerField(
            label=_("Minutes at the counter"),
            help_text=_("How long a clerk needs with the citizen."),
            min_value=1,
            max_value=480,
        )
        self.fields["cost_amount"] = forms.DecimalField(
            label=_("Usual price in euro"),
            help_text=_("0 when it is free; empty when the price varies."),
            required=False,
            min_value=0,
            max_digits=8,
            decimal_places=2,
            localize=True,  # "20,50" as Belgians type it; "20.50" is accepted too
        )
        self.fields["review_interval_days"] = forms.IntegerField(
            label=_("Review every (days)"),
            help_text=_("How often someone must check the whole sheet."),
            min_value=1,
            max_value=3 * 365,
        )
        self.fields["department"] = forms.TypedChoiceField(
            label=_("Owning department"),
            help_text=_("The back office responsible for the content and the work."),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("None"))] + [(d.pk, d.name) for d in departments],
        )
        for kind, label in ChannelKind.choices:
            self.fields[channel_field_name(kind, "offered")] = forms.BooleanField(
                label=_("Offered: %(channel)s") % {"channel": label}, required=False
            )
            self.fields[channel_field_name(kind, "url")] = forms.CharField(
                label=_("Web address"), required=False, widget=forms.URLInput, max_length=200
            )
            self.fields[channel_field_name(kind, "phone")] = forms.CharField(
                label=_("Phone number"), required=False, max_length=40, widget=forms.TextInput(attrs={"type": "tel"})
            )
            for lang, language_name in LANGUAGES:
                self.fields[channel_field_name(kind, f"instructions_{lang}")] = forms.CharField(
                    label=language_name,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "lang": lang}),
                )

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        initial: dict[str, Any] = {
            text_field_name(name, lang): getattr(service, text_field_name(name, lang)) or ""
            for name in SERVICE_TEXT_FIELDS
            for lang, _name in LANGUAGES
        }
        initial.update(
            loaded_at=service.updated_at,
            duration_minutes=service.duration_minutes,
            cost_amount=service.cost_amount,
            review_interval_days=service.review_interval_days,
            department=service.department_id,
        )
        for channel in service.channels.all():
            initial[channel_field_name(channel.kind, "offered")] = True
            initial[channel_field_name(channel.kind, "url")] = channel.url
            initial[channel_field_name(channel.kind, "phone")] = channel.phone
            for lang, _name in LANGUAGES:
                initial[channel_field_name(channel.kind, f"instructions_{lang}")] = getattr(
                    channel, f"instructions_{lang}"
                )
        return initial

    def service_data(self) -> tuple[dict[str, Any], list[str]]:
        """``data`` for ``service_update`` and, per channel index in it, the channel kind."""
        cleaned = self.cleaned_data
        data: dict[str, Any] = {
            text_field_name(name, lang): cleaned[text_field_name(name, lang)]
            for name in SERVICE_TEXT_FIELDS
            for lang, _name in LANGUAGES
        }
        for name in ("duration_minutes", "cost_amount", "review_interval_days", "department"):
            data[name] = cleaned[name]
        channels = []
        kinds: list[str] = []
        existing_order = {c.kind: c.order for c in self.service.channels.all()}
        for position, kind in enumerate(ChannelKind.values):
            if not cleaned[channel_field_name(kind, "offered")]:
                continue
            channel: dict[str, Any] = {
                "kind": kind,
                "url": cleaned[channel_field_name(kind, "url")],
                "phone": cleaned[channel_field_name(kind, "phone")],
                "order": existing_order.get(kind, position),
            }
            for lang, _name in LANGUAGES:
                channel[f"instructions_{lang}"] = cleaned[channel_field_name(kind, f"instructions_{lang}")]
            channels.append(channel)
            kinds.append(kind)
        data["channels"] = channels
        return data, kinds

    def mark_errors(self) -> None:
        """Point each invalid input at its error message, for screen readers."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error {described}".strip()

    def add_domain_error(self, field: str | None, message: str, channel_kinds: list[str]) -> None:
        """Put a ``DomainError`` from ``service_update`` next to the form field it is about."""
        target: str | None = field
        if field and field.startswith("channels-"):
            _prefix, index, part = field.split("-", 2)
            kinds = channel_kinds
            target = channel_field_name(kinds[int(index)], part) if int(index) < len(kinds) else None
        if target not in self.fields:
            target = None
        self.add_error(target, message)
