"""A city with a back office, a regional contact centre that serves it, and a neighbour it does not serve."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from loket.appointments.availability import TIMEZONE
from loket.catalog.models import Service
from loket.citizens.models import Person, PersonOrganisation, PreferredChannel
from loket.contacts.models import Contact, Request, RequestOrigin
from loket.contacts.services import contact_log, request_create
from loket.organisations.models import Department, Membership, Organisation, OrganisationKind, Role
from tests.factories import DepartmentFactory, OrganisationFactory, ServiceFactory, UserFactory, staff_member

# Friday 18 December 2026, 10:00 in Brussels: the weekend and Christmas (Friday 25) lie ahead.
FRIDAY = datetime.date(2026, 12, 18)
NOW = datetime.datetime.combine(FRIDAY, datetime.time(10), tzinfo=TIMEZONE)


def back_office(organisation: Organisation, department: Department | None, **kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=Role.BACK_OFFICE, department=department)
    return user


@dataclass
class World:
    city: Organisation
    centre: Organisation
    neighbour: Organisation
    building: Department  # the city's building department
    population: Department  # another department of the city
    neighbour_dept: Department
    permit: Service  # handled by building, 5 working days
    extract: Service  # no handling time of its own (the default)
    neighbour_service: Service
    agent: Any  # contact-centre agent of the centre
    reception: Any  # the city's reception
    clerk: Any  # back office of the building department
    other_clerk: Any  # back office of the population department
    manager: Any  # manager of the city
    outsider: Any  # back office and reception of the neighbour
    person: Person  # known to the city

    def request(self, **kwargs: Any) -> Request:
        kwargs.setdefault("actor", self.reception)
        kwargs.setdefault("organisation", self.city)
        kwargs.setdefault("department", self.building)
        kwargs.setdefault("person", self.person)
        kwargs.setdefault("subject", "Verbouwing: is een vergunning nodig?")
        kwargs.setdefault("service", self.permit)
        kwargs.setdefault("origin", RequestOrigin.CONTACT)
        kwargs.setdefault("now", NOW)
        return request_create(**kwargs)

    def contact(self, **kwargs: Any) -> Contact:
        kwargs.setdefault("actor", self.reception)
        kwargs.setdefault("channel", "phone")
        kwargs.setdefault("outcome", "answered")
        kwargs.setdefault("now", NOW)
        kwargs.setdefault("started_at", NOW)
        return contact_log(**kwargs)


def make_world() -> World:
    city = OrganisationFactory(slug="mechelen", name_en="City of Mechelen", name_nl="Stad Mechelen")
    centre = OrganisationFactory(
        slug="kcc", name_en="Regional contact centre", name_nl="Regionaal KCC", kind=OrganisationKind.REGIONAL_BODY
    )
    neighbour = OrganisationFactory(slug="bonheiden", name_en="Bonheiden", name_nl="Bonheiden")
    centre.contact_centre_for.add(city)
    building = DepartmentFactory(organisation=city, slug="bouwen", name_en="Building", name_nl="Omgeving en bouwen")
    population = DepartmentFactory(organisation=city, slug="burgerzaken", name_en="Population", name_nl="Burgerzaken")
    neighbour_dept = DepartmentFactory(organisation=neighbour, slug="bouwen", name_en="Building Bonheiden")
    permit = ServiceFactory(
        organisation=city,
        slug="omgevingsvergunning",
        title_en="Planning permission",
        title_nl="Omgevingsvergunning",
        title_fr="Permis d'environnement",
        handling_days=5,
        department=building,
    )
    extract = ServiceFactory(organisation=city, slug="uittreksel", title_en="Extract", department=population)
    neighbour_service = ServiceFactory(organisation=neighbour, slug="bonheiden-permit", department=neighbour_dept)
    agent = staff_member(centre, Role.CONTACT_CENTRE, username="agent", first_name="Amina")
    reception = staff_member(city, Role.RECEPTION, username="onthaal")
    clerk = back_office(city, building, username="bouwen", first_name="Bart")
    other_clerk = back_office(city, population, username="burgerzaken")
    manager = staff_member(city, Role.MANAGER, username="manager")
    outsider = staff_member(neighbour, Role.RECEPTION, username="buur")
    Membership.objects.create(user=outsider, organisation=neighbour, role=Role.BACK_OFFICE)
    person = Person.objects.create(
        name="Jan Peeters",
        email="jan.peeters@example.be",
        phone="+32470123456",
        language="nl",
        preferred_channel=PreferredChannel.EMAIL,
    )
    PersonOrganisation.objects.create(person=person, organisation=city)
    return World(
        city=city,
        centre=centre,
        neighbour=neighbour,
        building=building,
        population=population,
        neighbour_dept=neighbour_dept,
        permit=permit,
        extract=extract,
        neighbour_service=neighbour_service,
        agent=agent,
        reception=reception,
        clerk=clerk,
        other_clerk=other_clerk,
        manager=manager,
        outsider=outsider,
        person=person,
    )
