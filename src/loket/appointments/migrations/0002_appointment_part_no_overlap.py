"""PostgreSQL only: no two active parts may hold one desk at overlapping times.

Kept out of the model state on purpose: SQLite has neither ``btree_gist`` nor exclusion
constraints, and a constraint in ``Meta.constraints`` would be written into every SQLite table
rebuild. On SQLite bookings are serialised by the database's single writer instead (settings begin
every transaction IMMEDIATE), and ``services.appointment_book`` re-checks under that lock.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CONSTRAINT = "appointment_part_desk_no_overlap"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE appointments_appointmentpart ADD CONSTRAINT {CONSTRAINT}
        EXCLUDE USING gist (desk_id WITH =, tstzrange(start, busy_until, '[)') WITH &&) WHERE (active)""",
]
BACKWARD = [f"ALTER TABLE appointments_appointmentpart DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
