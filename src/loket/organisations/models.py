"""Organisations (tenants), their locations, opening hours, desks, departments and staff.

Every other app hangs its data off an Organisation; staff see only the organisations they are
members of (see ``selectors.staff_organisation_ids``). This module holds no business logic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    SOCIAL_HOUSE = "social_house", _("Social house (OCMW/CPAS)")
    REGIONAL_BODY = "regional_body", _("Regional body")
    PARTNER = "partner", _("Partner organisation")


class Organisation(models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable identifier used in URLs and exports."))
    name = models.CharField(_("name"), max_length=200, help_text=_("Official name, per language."))
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, help_text=_("Kind of body."))
    website = models.URLField(_("website"), blank=True, help_text=_("Public website."))
    phone = models.CharField(_("phone"), max_length=40, blank=True, help_text=_("Main phone number for citizens."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Main e-mail address for citizens."))
    kbo_number = models.CharField(
        _("enterprise number"), max_length=20, blank=True, help_text=_("Number in the Crossroads Bank for Enterprises.")
    )
    contact_centre_for = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="contact_centres",
        verbose_name=_("contact centre for"),
        help_text=_("Organisations whose calls and requests this organisation's contact centre handles."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="locations",
        help_text=_("Organisation that runs this location."),
    )
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable identifier used in URLs and the API."))
    name = models.CharField(_("name"), max_length=200, help_text=_("Name citizens know it by."))
    street = models.CharField(_("street and number"), max_length=200, help_text=_("Street and house number."))
    postcode = models.CharField(_("postcode"), max_length=10, help_text=_("Postcode."))
    city = models.CharField(_("city"), max_length=100, help_text=_("Municipality."))
    public_transport = models.TextField(
        _("public transport"), blank=True, help_text=_("How to get there by bus, tram or train.")
    )
    accessibility = models.TextField(
        _("accessibility"), blank=True, help_text=_("Wheelchair access, hearing loop, parking for disabled people.")
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"), default=True, help_text=_("Closed on Belgian public holidays.")
    )
    extra_holiday_region = models.CharField(
        _("regional holiday"),
        max_length=10,
        blank=True,
        choices=[("", _("none")), ("vl", _("Flemish Community (11 July)")), ("bru", _("Brussels Region (8 May)"))],
        help_text=_("Also closed on this community or region's holiday."),
    )

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class DeskKind(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    QUICK = "quick", _("Quick counter")
    THEME = "theme", _("Theme counter")
    PHONE = "phone", _("Phone")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """One opening period on a weekday for one kind of desk; a split day has two rows."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
        help_text=_("Location these hours apply to."),
    )
    desk_kind = models.CharField(
        _("desk kind"), max_length=20, choices=DeskKind.choices, help_text=_("Kind of desk that is open.")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, help_text=_("Day of the week."))
    opens = models.TimeField(_("opens"), help_text=_("Opening time, local time."))
    closes = models.TimeField(_("closes"), help_text=_("Closing time, local time."))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["location", "desk_kind", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="opening_hours_opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class ExceptionKind(models.TextChoices):
    CLOSED = "closed", _("Closed")
    EXTRA = "extra", _("Extra opening")


class OpeningException(models.Model):
    """A closure (all day, or for one kind of desk) or an extra opening on one date."""

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
        help_text=_("Location this exception applies to."),
    )
    date = models.DateField(_("date"), help_text=_("Date of the exception."))
    kind = models.CharField(
        _("kind"), max_length=10, choices=ExceptionKind.choices, help_text=_("Closed or extra opening.")
    )
    desk_kind = models.CharField(
        _("desk kind"),
        max_length=20,
        choices=DeskKind.choices,
        blank=True,
        help_text=_("Only this kind of desk; empty means the whole location."),
    )
    opens = models.TimeField(_("opens"), null=True, blank=True, help_text=_("For an extra opening: from."))
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=_("For an extra opening: until."))
    reason = models.CharField(_("reason"), max_length=200, blank=True, help_text=_("Shown to citizens."))

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["location", "date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="closed")
                | models.Q(opens__isnull=False, closes__isnull=False, opens__lt=models.F("closes")),
                name="opening_exception_extra_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.date} {self.get_kind_display()}"


class Department(models.Model):
    """A back-office department ("tweede lijn") that owns services and works requests."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="departments",
        help_text=_("Organisation the department belongs to."),
    )
    slug = models.SlugField(_("slug"), help_text=_("Identifier, unique within the organisation."))
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the department."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Shared mailbox of the department."))

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="department_slug_per_organisation")
        ]

    def __str__(self) -> str:
        return self.name


class Desk(models.Model):
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="desks",
        help_text=_("Location of the desk."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("As shown on the call screen, e.g. 'Loket 4'."))
    kind = models.CharField(_("kind"), max_length=20, choices=DeskKind.choices, help_text=_("Kind of desk."))
    theme = models.CharField(
        _("theme"), max_length=100, blank=True, help_text=_("For a theme counter: its theme, e.g. 'Population'.")
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive desks are not used."))

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["location", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["location", "name"], name="desk_name_per_location")]

    def __str__(self) -> str:
        return f"{self.location}: {self.name}"


class Role(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    CLERK = "clerk", _("Counter clerk")
    CONTACT_CENTRE = "contact_centre", _("Contact-centre agent")
    BACK_OFFICE = "back_office", _("Back office")
    MANAGER = "manager", _("Manager")
    CATALOGUE_EDITOR = "catalogue_editor", _("Catalogue editor")
    DATA_PROTECTION = "data_protection", _("Data protection officer")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    """A staff member's role in one organisation: one row per (user, organisation, role)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("The staff member."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("Organisation the staff member works for."),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, help_text=_("What they do there."))
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Back-office department, where it applies."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.organisation} ({self.get_role_display()})"
