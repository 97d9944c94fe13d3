"""Staff pages of the citizen record: find a person, create or edit one, the record with consents and timeline.

For staff with ``PERSON_ROLES`` (else 403). Reads go through ``selectors`` (a person no
organisation of the staff member knows is a 404; every record shown is an audited read), writes
through ``services``. Searching is a POST, so that a name or a phone number never lands in a URL,
a log or the browser's history. The national register number is shown only when asked for (one
button), through ``selectors.national_number_for``: in full for ``NATIONAL_NUMBER_ROLES``
(an audited read), masked for everyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from loket.citizens import selectors
from loket.citizens.models import ConsentPurpose, ConsentSource, Language, Person, PreferredChannel
from loket.citizens.services import PersonDetails, consent_give, consent_withdraw, person_create, person_update
from loket.citizens.timeline import person_timeline
from loket.core.errors import DomainError, NotFound, PermissionDenied
from loket.organisations.models import Organisation
from loket.organisations.selectors import PERSON_ROLES, staff_organisation_ids

View = Callable[..., HttpResponseBase]
STAFF_SOURCES = [
    (ConsentSource.COUNTER, ConsentSource.COUNTER.label),
    (ConsentSource.PHONE, ConsentSource.PHONE.label),
    (ConsentSource.PAPER, ConsentSource.PAPER.label),
]


def people_staff_required(view: View) -> View:
    """Logged in (else the login page) with ``PERSON_ROLES`` somewhere (else 403); never cached."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not staff_organisation_ids(user=request.user, roles=PERSON_ROLES):
            raise DjangoPermissionDenied
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, e-mail address, phone number or national register number"),
        max_length=100,
        min_length=2,
        error_messages={
            "required": gettext_lazy("Type at least two characters."),
            "min_length": gettext_lazy("Type at least two characters."),
        },
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "autocomplete": "off"}),
    )


class PersonForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=200, help_text=gettext_lazy("First name and surname.")
    )
    date_of_birth = forms.DateField(
        label=gettext_lazy("Date of birth"),
        required=False,
        help_text=gettext_lazy("For example 30/07/1985."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
        error_messages={"invalid": gettext_lazy("Write the date like 30/07/1985.")},
        # Text, not type=date: the browser's picker shows its own order (mm/dd/yyyy), as in Mijn loket.
        widget=forms.DateInput(attrs={"inputmode": "numeric"}, format="%d/%m/%Y"),
    )
    email = forms.CharField(
        label=gettext_lazy("E-mail address"), required=False, max_length=254, widget=forms.EmailInput()
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("Mobile or landline, e.g. 0470 12 34 56 or 015 20 11 22."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    street = forms.CharField(label=gettext_lazy("Street and number"), required=False, max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=gettext_lazy("Municipality"), required=False, max_length=100)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=Language.choices)
    preferred_channel = forms.ChoiceField(
        label=gettext_lazy("How they want to hear from us"), choices=PreferredChannel.choices
    )
    national_number = forms.CharField(
        label=gettext_lazy("National register number (optional)"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("11 digits, e.g. 85.07.30-033.28. Leave it empty to keep the one recorded."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    organisation = forms.ChoiceField(label=gettext_lazy("For organisation"), required=False)

    def __init__(self, *args: Any, organisations: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations and len(organisations) > 1:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(str(o.pk), o.name) for o in organisations]
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            date_of_birth=data["date_of_birth"],
            street=data["street"],
            postcode=data["postcode"],
            city=data["city"],
            language=data["language"],
            preferred_channel=data["preferred_channel"],
            national_number=data["national_number"],
        )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=gettext_lazy("Purpose"), choices=ConsentPurpose.choices)
    source = forms.ChoiceField(label=gettext_lazy("Given through"), choices=STAFF_SOURCES)


def _organisations(request: HttpRequest) -> list[Organisation]:
    ids = staff_organisation_ids(user=request.user, roles=PERSON_ROLES)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def _person_or_404(request: HttpRequest, pk: int) -> Person:
    try:
        return selectors.person_for_staff(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(_("This person is not known to your organisation.")) from exc


def _acting_organisation(request: HttpRequest, person: Person) -> Organisation:
    """The organisation the staff member acts for on this record: the first of theirs that knows the person."""
    ids = sorted(selectors.person_organisation_ids(user=request.user, person=person))
    if not ids:
        raise Http404(_("This person is not known to your organisation."))
    return Organisation.objects.get(pk=ids[0])


def _show(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@require_http_methods(["GET", "POST"])
@people_staff_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST if request.method == "POST" else None)
    people = None
    if request.method == "POST" and form.is_valid():
        people = selectors.people_search(user=request.user, query=form.cleaned_data["q"])
    status = 400 if form.errors else 200
    return render(request, "citizens/staff/search.html", {"form": form, "people": people}, status=status)


@require_http_methods(["GET", "POST"])
@people_staff_required
def create(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    if request.method == "GET":
        form = PersonForm(initial={"language": request.LANGUAGE_CODE[:2]}, organisations=organisations)
        return render(request, "citizens/staff/person_form.html", {"form": form, "person": None})
    form = PersonForm(request.POST, organisations=organisations)
    if form.is_valid():
        chosen = form.cleaned_data.get("organisation")
        organisation = next((o for o in organisations if str(o.pk) == chosen), organisations[0])
        try:
            person = person_create(actor=request.user, organisation=organisation, details=form.details())
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc.message)) from exc
        except DomainError as exc:
            _show(form, exc)
        else:
            flash.success(request, _("The person is recorded."))
            return HttpResponseRedirect(reverse("people-detail", kwargs={"pk": person.pk}))
    return render(request, "citizens/staff/person_form.html", {"form": form, "person": None}, status=400)


def _detail(
    request: HttpRequest, person: Person, *, consent_form: ConsentForm | None = None, status: int = 200
) -> HttpResponse:
    consents = selectors.consents_in_force(person=person)
    number = None
    if request.GET.get("number") == "show" and person.national_number_token:
        number = selectors.national_number_for(user=request.user, person=person)
    context = {
        "person": person,
        "number": number,
        "has_number": bool(person.national_number_token),
        "consents": [(purpose, label, consents.get(purpose)) for purpose, label in ConsentPurpose.choices],
        "consent_form": consent_form or ConsentForm(),
        "timeline": person_timeline(user=request.user, person=person),
    }
    return render(request, "citizens/staff/person_detail.html", context, status=status)


@require_http_methods(["GET"])
@people_staff_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _person_or_404(request, pk))


@require_http_methods(["GET", "POST"])
@people_staff_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if request.method == "GET":
        initial = {field: getattr(person, field) for field in PersonForm.base_fields if hasattr(person, field)}
        initial["national_number"] = ""
        return render(
            request, "citizens/staff/person_form.html", {"form": PersonForm(initial=initial), "person": person}
        )
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            person_update(
                actor=request.user,
                person=person,
                organisation=_acting_organisation(request, person),
                details=form.details(),
            )
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc.message)) from exc
        except DomainError as exc:
            _show(form, exc)
        else:
            flash.success(request, _("The record is saved."))
            return HttpResponseRedirect(reverse("people-detail", kwargs={"pk": person.pk}))
    return render(request, "citizens/staff/person_form.html", {"form": form, "person": person}, status=400)


@require_POST
@people_staff_required
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a consent the person gave at the counter, by phone or on paper, or withdraw one."""
    person = _person_or_404(request, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _detail(request, person, consent_form=form, status=400)
    organisation = _acting_organisation(request, person)
    try:
        if request.POST.get("action") == "withdraw":
            consent_withdraw(
                actor=request.user,
                person=person,
                purpose=form.cleaned_data["purpose"],
                source=form.cleaned_data["source"],
                organisation=organisation,
            )
            flash.success(request, _("The consent is withdrawn."))
        else:
            consent_give(
                actor=request.user,
                person=person,
                purpose=form.cleaned_data["purpose"],
                source=form.cleaned_data["source"],
                organisation=organisation,
            )
            flash.success(request, _("The consent is recorded."))
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(str(exc.message)) from exc
    except DomainError as exc:
        _show(form, exc)
        return _detail(request, person, consent_form=form, status=400)
    return HttpResponseRedirect(reverse("people-detail", kwargs={"pk": person.pk}) + "#consents")
