"""A read replica by configuration: reads inside ``reading_from_replica()`` go there, everything else to the primary.

The replica here is a real second PostgreSQL database with the primary's schema and rows of its
own, so a read shows by its answer which database it came from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connections, transaction

from loket.core.db import REPLICA_DB_ALIAS, read_alias, reading_from_replica
from loket.organisations.models import Location, Organisation
from tests.factories import LocationFactory
from tests.ops.support import copy_schema, create_database, database_alias, drop_database


@pytest.fixture(scope="module")
def replica_database(django_db_setup: None) -> Iterator[str]:
    """A second database with the test database's schema, configured as alias ``replica`` for this module.

    Configured before each test's database set-up, which then lets the test use it (``databases``);
    each test's rows on it go with the test's transaction, as on the primary.
    """
    name = create_database("replica")
    try:
        copy_schema(connections["default"].settings_dict["NAME"], name)
        with database_alias(REPLICA_DB_ALIAS, name):
            yield name
    finally:
        drop_database(name)


def _on_both(slug: str, *, primary: str, standby: str) -> Organisation:
    """The same organisation (same key) named differently on the primary and on the replica."""
    organisation = Organisation.objects.create(slug=slug, name=primary, kind="municipality")
    on_replica = Organisation.objects.using(REPLICA_DB_ALIAS)
    on_replica.create(pk=organisation.pk, slug=slug, name=standby, kind="municipality")
    return organisation


@pytest.mark.postgres
@pytest.mark.django_db(databases=["default", REPLICA_DB_ALIAS])
def test_reads_inside_the_context_come_from_the_replica_and_outside_from_the_primary(replica_database: str) -> None:
    organisation = _on_both("mechelen", primary="Mechelen (primary)", standby="Mechelen (replica)")

    with reading_from_replica() as alias:
        assert alias == read_alias() == "replica"
        inside = Organisation.objects.get(pk=organisation.pk).name
        listed = list(Organisation.objects.values_list("name", flat=True))
    outside = Organisation.objects.get(pk=organisation.pk).name

    assert (inside, listed, outside) == ("Mechelen (replica)", ["Mechelen (replica)"], "Mechelen (primary)")
    assert read_alias() == "default"


@pytest.mark.postgres
@pytest.mark.django_db(databases=["default", REPLICA_DB_ALIAS])
def test_writes_and_locking_reads_inside_the_context_go_to_the_primary(replica_database: str) -> None:
    organisation = _on_both("leuven", primary="Leuven", standby="Leuven")

    with reading_from_replica():
        Organisation.objects.create(slug="gent", name="Gent", kind="municipality")
        from_replica = Organisation.objects.get(pk=organisation.pk)
        assert from_replica._state.db == "replica"
        from_replica.name = "Leuven (renamed)"
        from_replica.save()  # an object read from the replica is written to the primary
        location = LocationFactory.build(organisation=from_replica)  # relating replica and primary objects
        location.save()
        with transaction.atomic():
            locked = list(Organisation.objects.select_for_update().filter(slug="gent").values_list("slug", flat=True))

    assert locked == ["gent"]  # seen on the primary only, so it was read there
    assert set(Organisation.objects.values_list("name", flat=True)) == {"Leuven (renamed)", "Gent"}
    assert list(Organisation.objects.using("replica").values_list("name", flat=True)) == ["Leuven"]
    assert Location.objects.filter(organisation=organisation).count() == 1
    assert not Location.objects.using("replica").exists()


@pytest.mark.postgres
def test_another_thread_is_not_switched_by_this_one_s_context(replica_database: str) -> None:
    seen: list[str] = []
    with reading_from_replica():
        thread = threading.Thread(target=lambda: seen.append(read_alias()))
        thread.start()
        thread.join()
    assert seen == ["default"]


@pytest.mark.postgres
@pytest.mark.django_db(databases=["default", REPLICA_DB_ALIAS])
def test_the_dashboard_reads_its_figures_raw_sql_too_from_the_replica(replica_database: str) -> None:
    from loket.insights.selectors import insights_figures, insights_scope, waiting_postgres
    from tests.insights.test_selectors import WEEK, Town, at

    town = Town()  # on the primary only: the replica has not caught up with it
    for wait in (60, 120):
        town.ticket(at(9), at(9, wait // 60))
    scope = insights_scope(organisation=town.organisation, location=None, period=WEEK)
    assert waiting_postgres(scope=scope).walk_in.count == 2
    assert insights_figures(organisation=town.organisation.pk, period=WEEK).visitors.visitors == 2
    with reading_from_replica():
        assert waiting_postgres(scope=scope).walk_in.count == 0
        assert insights_figures(organisation=town.organisation.pk, period=WEEK).visitors.visitors == 0
