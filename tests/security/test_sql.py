"""SQL injection: Loket's own SQL binds every value as a parameter, and typed text never becomes SQL.

Most reads go through the ORM, which binds values. The few hand-written queries (the availability
engine's reads and the dashboard's percentiles on PostgreSQL, the demo's bulk load) put only
constants (table and column names of the models) into the statement. The first test reads the
source: every ``execute`` gets its values as a separate argument, and nothing uses ``extra()``,
``RawSQL`` or ``raw()``, whose strings are easy to build from input. The second types SQL into
the search fields.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from loket.citizens.models import Person, PersonOrganisation
from loket.organisations.models import Role
from tests.factories import OrganisationFactory, staff_member

SOURCE = Path(__file__).resolve().parents[2] / "src" / "loket"


def _calls() -> list[tuple[str, str, ast.Call]]:
    found: list[tuple[str, str, ast.Call]] = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        if not any(word in text for word in ("execute", "raw(", "extra(", "RawSQL")):
            continue  # most files, among them the large data modules of the demo: nothing to parse
        tree = ast.parse(text, filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in {"execute", "executemany", "raw", "extra", "RawSQL"}:
                    found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", name, node))
    return found


# Statements Django itself writes (the sequence reset after the demo's bulk load): no input in them.
FROM_DJANGO = {"demo/history.py": "statement"}


def _is_constant(node: ast.expr) -> bool:
    """A string literal, or a module constant written in capitals (``_WAITING_SQL``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, ast.Name) and node.id.lstrip("_").isupper()


def test_every_hand_written_query_gets_its_values_as_parameters() -> None:
    calls = _calls()
    assert calls, "the scan finds the queries"
    for where, name, node in calls:
        assert name in {"execute", "executemany"}, f"{where}: {name}() builds SQL from strings"
        statement = node.args[0] if node.args else None
        assert statement is not None, where
        has_parameters = len(node.args) >= 2 or any(keyword.arg == "params" for keyword in node.keywords)
        from_django = isinstance(statement, ast.Name) and FROM_DJANGO.get(where.split(":")[0]) == statement.id
        assert has_parameters or _is_constant(statement) or from_django, f"{where}: SQL without bound parameters"


@pytest.mark.django_db
def test_sql_typed_in_a_search_finds_nothing_and_breaks_nothing(settings: object) -> None:
    settings.LOKET_SEARCH_MODEL = False  # type: ignore[attr-defined]  # the lexical search is enough here
    organisation = OrganisationFactory()
    person = Person.objects.create(name="An Peeters", email="an@mail.example")
    PersonOrganisation.objects.create(person=person, organisation=organisation)
    staff = Client()
    staff.force_login(staff_member(organisation, Role.RECEPTION))
    for query in ("' OR '1'='1", "%%", "__", "An'; DROP TABLE citizens_person; --"):
        response = staff.post(reverse("people-search"), {"q": query})
        assert response.status_code == 200, query
        assert "An Peeters" not in response.content.decode(), query
        public = Client().get(reverse("service-search"), {"q": query})
        assert public.status_code == 200, query
    assert Person.objects.filter(pk=person.pk).exists()
    assert "An Peeters" in staff.post(reverse("people-search"), {"q": "Peeters"}).content.decode()
