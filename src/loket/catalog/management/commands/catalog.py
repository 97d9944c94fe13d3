"""``loket catalog export|import``: the catalogue as CPSV-AP 3.2.0 JSON-LD, out and back in.

``export`` writes the published catalogue (drafts never leave Loket); ``import`` reads a file
back through ``cpsv_services.catalog_import_cpsv``, which writes all of it or nothing. Bad input
gives one line per bad record on stderr and a non-zero exit. This command holds no mapping and no
business rule: it only parses arguments, shows progress and reports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from loket.core.audit import Actor
from loket.core.errors import DomainError

FORMATS = ("cpsv-ap",)


class Command(BaseCommand):
    help = "Export the published catalogue as CPSV-AP JSON-LD, or import such a file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="{export,import}", required=True)
        export = commands.add_parser(
            "export",
            help="write the published catalogue and the life events as CPSV-AP 3.2.0 JSON-LD",
            description="Write the published catalogue (drafts are left out) and every life event as "
            "JSON-LD following the EU Core Public Service Vocabulary Application Profile 3.2.0.",
        )
        export.add_argument("--format", choices=FORMATS, default="cpsv-ap", help="the export format (default: cpsv-ap)")
        export.add_argument("--output", "-o", required=True, metavar="FILE", help="file to write, '-' for stdout")
        export.add_argument(
            "--base-uri",
            metavar="URI",
            default=None,
            help="where the IRIs of services live, e.g. https://loket.mechelen.be/ "
            "(default: the LOKET_PUBLIC_URL setting, else https://loket.example/)",
        )
        self._add_common(export)

        load = commands.add_parser(
            "import",
            help="create or update services and life events from a CPSV-AP JSON-LD file",
            description="Create or update the services, channels and life events of a CPSV-AP JSON-LD file, "
            "matched by their identifier (slug). Organisations and departments must exist already. One bad "
            "record and nothing is imported: every bad record is listed on stderr.",
        )
        load.add_argument("file", metavar="FILE", help="the JSON-LD file, '-' for stdin")
        load.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        load.add_argument(
            "--user", metavar="USERNAME", default=None, help="act as this staff member (default: the system)"
        )
        self._add_common(load)

    @staticmethod
    def _add_common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="do not show a progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(output=options["output"], base_uri=options["base_uri"], bar=self._bar(options, "service"))
        else:
            self._import(
                file=options["file"],
                dry_run=options["dry_run"],
                username=options["user"],
                bar=self._bar(options, "record"),
            )

    def _bar(self, options: dict[str, Any], unit: str) -> tqdm:
        # tqdm redraws with "\r": give it the real stream, not Django's line-ending OutputWrapper.
        stream: TextIO = getattr(self.stderr, "_out", sys.stderr)
        return tqdm(total=0, unit=unit, file=stream, disable=options["no_progress"] or options["verbosity"] == 0)

    @staticmethod
    def _progress(bar: tqdm) -> Any:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        return progress

    def _export(self, *, output: str, base_uri: str | None, bar: tqdm) -> None:
        from loket.catalog.cpsv import catalog_export_cpsv

        try:
            text = catalog_export_cpsv(base_uri=base_uri, progress=self._progress(bar))
        finally:
            bar.close()
        if output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        self.stderr.write(f"Catalogue written to {output}.")

    def _import(self, *, file: str, dry_run: bool, username: str | None, bar: tqdm) -> None:
        from loket.catalog.cpsv import CpsvImportError
        from loket.catalog.cpsv_services import catalog_import_cpsv

        actor: Actor = "system"
        if username is not None:
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user '{username}'.")
            actor = user
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            report = catalog_import_cpsv(data=data, actor=actor, dry_run=dry_run, progress=self._progress(bar))
        except CpsvImportError as exc:
            bar.close()
            self.stderr.write(self.style.ERROR(str(exc.message)))
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{file}: nothing imported ({len(exc.problems)} problem(s)).", returncode=1) from exc
        except DomainError as exc:
            bar.close()
            raise CommandError(f"{file}: {exc.message}", returncode=1) from exc
        bar.close()
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"  {warning}"))
        self.stdout.write(report.summary())
