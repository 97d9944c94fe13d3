"""factory_boy factories for the tests: realistic defaults, every tenant its own data."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from loket.catalog.models import ChannelKind, LifeEvent, Service, ServiceChannel, ServiceStatus
from loket.organisations.models import (
    Department,
    Desk,
    DeskKind,
    Location,
    Membership,
    OpeningHours,
    Organisation,
    OrganisationKind,
    Role,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    name_nl = factory.Sequence(lambda n: f"Gemeente {n}")
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")
    kind = OrganisationKind.MUNICIPALITY


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"huis-{n}")
    name_nl = factory.Sequence(lambda n: f"Stadhuis {n}")
    name_fr = factory.Sequence(lambda n: f"Hôtel de ville {n}")
    name_en = factory.Sequence(lambda n: f"Town hall {n}")
    street = "Grote Markt 21"
    postcode = "2800"
    city = "Mechelen"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    location = factory.SubFactory(LocationFactory)
    desk_kind = DeskKind.QUICK
    weekday = 0
    opens = datetime.time(8, 0)
    closes = datetime.time(13, 0)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"dienst-{n}")
    name_nl = factory.Sequence(lambda n: f"Dienst Burgerzaken {n}")
    name_fr = factory.Sequence(lambda n: f"Service Population {n}")
    name_en = factory.Sequence(lambda n: f"Civil Affairs {n}")


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    location = factory.SubFactory(LocationFactory)
    name = factory.Sequence(lambda n: f"Loket {n}")
    kind = DeskKind.THEME


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.be")
    password = factory.PostGenerationMethodCall("set_password", "Loket-test-2026")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


def staff_member(organisation: Organisation, *roles: str, **kwargs: object):  # noqa: ANN201
    """A user with the given roles (default: catalogue editor) in ``organisation``."""
    user = UserFactory(**kwargs)
    for role in roles or (Role.CATALOGUE_EDITOR,):
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class LifeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeEvent

    slug = factory.Sequence(lambda n: f"life-event-{n}")
    title_nl = "Ik verhuis"
    title_fr = "Je déménage"
    title_en = "I am moving"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"service-{n}")
    status = ServiceStatus.PUBLISHED
    title_nl = "Identiteitskaart aanvragen"
    title_fr = "Demander une carte d'identité"
    title_en = "Apply for an identity card"
    summary_nl = "Elke Belg vanaf 12 jaar heeft een elektronische identiteitskaart nodig."
    summary_fr = "Tout Belge de plus de 12 ans a besoin d'une carte d'identité électronique."
    summary_en = "Every Belgian aged 12 or over needs an electronic identity card."
    duration_minutes = 15
    last_reviewed = factory.LazyFunction(lambda: datetime.date(2026, 9, 1))


class ServiceChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceChannel

    service = factory.SubFactory(ServiceFactory)
    kind = ChannelKind.APPOINTMENT
