"""The queue's set-up in the Django admin: an administrator of one organisation sees and picks only its own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from loket.organisations.models import Role
from loket.queueing.models import Queue, QueueKind
from tests.factories import DeskFactory, LocationFactory, ServiceFactory, staff_member

pytestmark = pytest.mark.django_db


def test_an_organisations_administrator_sees_and_picks_only_its_own_queues_and_locations(client) -> None:  # noqa: ANN001
    own, foreign = LocationFactory(), LocationFactory()
    own_service = ServiceFactory(organisation=own.organisation)
    ServiceFactory(organisation=foreign.organisation)
    mine = Queue.objects.create(location=own, slug="snel", name="Snelloket", kind=QueueKind.QUICK, prefix="S")
    Queue.objects.create(location=foreign, slug="snel", name="Snelloket", kind=QueueKind.QUICK, prefix="S")
    administrator = staff_member(own.organisation, Role.ADMIN, is_staff=True)
    administrator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_queue", "change_queue", "add_queue"])
    )
    client.force_login(administrator)
    with translation.override("en"):
        changelist = reverse("admin:queueing_queue_changelist")
        add = reverse("admin:queueing_queue_add")
    assert set(client.get(changelist).context["cl"].queryset) == {mine}
    form = client.get(add).context["adminform"].form
    assert set(form.fields["location"].queryset) == {own}
    assert set(form.fields["services"].queryset) == {own_service}  # not another organisation's services


def test_a_capacity_session_offers_only_the_organisations_own_desks_and_services(client) -> None:  # noqa: ANN001
    own, foreign = LocationFactory(), LocationFactory()
    own_desk, _other_desk = DeskFactory(location=own), DeskFactory(location=foreign)
    own_service, _other_service = ServiceFactory(organisation=own.organisation), ServiceFactory()
    administrator = staff_member(own.organisation, Role.ADMIN, is_staff=True)
    administrator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_capacitysession", "add_capacitysession"])
    )
    client.force_login(administrator)
    with translation.override("en"):
        add = reverse("admin:appointments_capacitysession_add")
    form = client.get(add).context["adminform"].form
    assert set(form.fields["location"].queryset) == {own}
    assert set(form.fields["desks"].queryset) == {own_desk}
    assert set(form.fields["services"].queryset) == {own_service}
