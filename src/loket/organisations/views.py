"""Staff pages of the organisations app: logging in and out, the code step, and the staff home page.

Login is Django's own (``LoginView``), throttled by django-axes: after too many failed attempts
for one user name from one address, axes answers with ``staff/locked_out.html`` instead. Staff
who see personal data then give the code of their authenticator app (``staff_otp_verify``), or
set one up first (``staff_otp_setup``); ``otp.StaffSessionMiddleware`` sends them there. Views
stay thin: what a page shows comes from ``selectors``, scoped to the staff member's organisations.
"""

from __future__ import annotations

from collections import defaultdict

import django_otp
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.core.audit import audit_log
from loket.organisations import otp
from loket.organisations.access import staff_required
from loket.organisations.selectors import CATALOGUE_ROLES, memberships_of_user, organisations_for_staff


class StaffLoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[arg-type]
        otp.mark_signed_in(self.request)
        return response


class StaffLogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or a prefetch can never log someone out."""


@require_GET
@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of_user(user=request.user))
    roles: dict[int, list[str]] = defaultdict(list)
    for membership in memberships:
        roles[membership.organisation_id].append(membership.get_role_display())
    organisations = list(organisations_for_staff(user=request.user))
    return render(
        request,
        "staff/home.html",
        {
            "organisations": [(organisation, roles.get(organisation.pk, [])) for organisation in organisations],
            "is_editor": request.user.is_superuser or any(m.role in CATALOGUE_ROLES for m in memberships),
        },
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go once the code is given: the page asked for (on this site only), else the staff home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("staff-home")


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    """The code was right: this session is verified with ``device`` and gets a new key."""
    django_otp.login(request, device)
    request.session.cycle_key()  # a new session id once the second factor is given
    otp.mark_signed_in(request)


@require_http_methods(["GET", "POST"])
def staff_otp_verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password: the 6-digit code from the authenticator app."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if otp.is_verified(request.user) or not otp.otp_required_for(request.user):
        return HttpResponseRedirect(next_url)
    device = otp.confirmed_device(request.user)
    if device is None:
        return HttpResponseRedirect(f"{reverse('staff-otp-setup')}?{request.GET.urlencode()}")
    form = otp.CodeForm(request.POST or None)
    locked_until = otp.throttle_wait(device)
    if request.method == "POST" and form.is_valid():
        if locked_until is not None:
            form.add_error("token", _("Too many wrong codes. Wait a moment, then try again."))
        else:
            with transaction.atomic():
                accepted = django_otp.verify_token(request.user, device.persistent_id, form.cleaned_data["token"])
                if accepted is None:
                    device.refresh_from_db()
                    audit_log(
                        actor=request.user,
                        action="staff.otp_wrong_code",
                        obj=request.user,
                        changes={"failures_in_a_row": device.throttling_failure_count},
                    )
                else:
                    audit_log(actor=request.user, action="staff.otp_verified", obj=request.user)
            if accepted is not None:
                _verified(request, accepted)
                return HttpResponseRedirect(next_url)
            form.add_error("token", _("This code is not right. Type the code your app shows now."))
            locked_until = otp.throttle_wait(device)
    return render(
        request,
        "staff/otp_verify.html",
        {"form": form, "next": next_url, "locked_until": locked_until},
        status=200 if not form.errors else 400,
    )


@require_http_methods(["GET", "POST"])
def staff_otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, once: only while the person has no confirmed device.

    The device is made unconfirmed on the first visit (its secret is shown as a QR code and as
    text) and confirmed by one right code; a device already confirmed is never replaced here,
    so a stolen password alone cannot add a second one (an administrator removes a lost one).
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if not otp.otp_required_for(request.user):
        return HttpResponseRedirect(next_url)
    if otp.confirmed_device(request.user) is not None:
        return HttpResponseRedirect(f"{reverse('staff-otp-verify')}?{request.GET.urlencode()}")
    device = TOTPDevice.objects.filter(user_id=request.user.pk, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=otp.DEVICE_NAME, confirmed=False)
    form = otp.CodeForm(request.POST or None)
    locked_until = otp.throttle_wait(device)
    if request.method == "POST" and form.is_valid():
        if locked_until is not None:
            form.add_error("token", _("Too many wrong codes. Wait a moment, then try again."))
        else:
            with transaction.atomic():
                device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
                accepted = device.verify_token(form.cleaned_data["token"])
                if accepted:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    TOTPDevice.objects.filter(user_id=request.user.pk, confirmed=False).delete()
                    audit_log(actor=request.user, action="staff.otp_setup", obj=request.user)
                else:
                    audit_log(
                        actor=request.user,
                        action="staff.otp_wrong_code",
                        obj=request.user,
                        changes={"setup": True, "failures_in_a_row": device.throttling_failure_count},
                    )
            if accepted:
                _verified(request, device)
                return HttpResponseRedirect(next_url)
            form.add_error("token", _("This code is not right. Type the code your app shows now."))
            locked_until = otp.throttle_wait(device)
    return render(
        request,
        "staff/otp_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": otp.qr_svg(device),
            "secret": otp.secret_in_groups(device),
            "locked_until": locked_until,
        },
        status=200 if not form.errors else 400,
    )
