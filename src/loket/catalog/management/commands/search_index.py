"""``loket search_index``: compute and store the sentence embeddings of the catalogue's services.

Run after loading or importing a catalogue, so no web process has to compute them when it builds
its search index. Only missing or stale vectors are computed unless ``--force``. This command
never changes a service.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm


class Command(BaseCommand):
    help = "Compute and store the search embeddings of services whose vector is missing or out of date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="recompute every vector, not only the stale ones")

    def handle(self, *args: object, force: bool, **options: object) -> None:
        from loket.catalog.search import search_encoder, service_embeddings_refresh

        if search_encoder() is None:
            reason = "disabled (LOKET_SEARCH_MODEL=0)" if not settings.LOKET_SEARCH_MODEL else "not installed"
            self.stdout.write(f"The search model is {reason}: search stays lexical, no vectors computed.")
            return
        quiet = options.get("verbosity", 1) == 0
        bars: list[tqdm] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(tqdm(total=total, unit="service", disable=quiet, file=self.stderr))
            bars[0].update(done - bars[0].n)

        count = service_embeddings_refresh(force=force, progress=progress)
        for bar in bars:
            bar.close()
        self.stdout.write(f"{count} service vector(s) computed and stored.")
