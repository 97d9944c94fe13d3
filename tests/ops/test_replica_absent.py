"""Without ``LOKET_REPLICA_DATABASE_URL`` the same code reads from the one database."""

from __future__ import annotations

import pytest

from loket.core.db import read_alias, reading_from_replica
from loket.organisations.models import Organisation


@pytest.mark.django_db
def test_without_a_replica_the_context_reads_from_the_primary() -> None:
    organisation = Organisation.objects.create(slug="brugge", name="Brugge", kind="municipality")
    with reading_from_replica() as alias:
        assert alias == read_alias() == "default"
        assert Organisation.objects.get(pk=organisation.pk).name == "Brugge"
