"""Search benchmark: accuracy on citizen phrasings, and query latency on a 2,000-service catalogue.

Usage (from the repository root)::

    .venv/bin/python benchmarks/search/run.py                      # SQLite file var/bench_search.sqlite3
    LOKET_DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_search \\
        .venv/bin/python benchmarks/search/run.py

It empties the configured database (refusing unless its name contains "bench", or with
``--i-know-this-empties-the-database``), migrates it, loads the demo catalogue, stores the
search embeddings and then reports:

1. top-1 and top-3 accuracy on ``queries.tsv`` overall and per language, lexical-only and
   hybrid side by side (a query counts as found when any of its expected slugs is there);
2. with the catalogue grown to ``--services`` published services (the demo's, plus copies as
   other municipalities would publish them), the time to compute the embeddings, to build a
   process's index from stored vectors, and p50/p95 latency of ``search_services`` (the function
   the views and the API call: version check, ranking, loading the services) per query.

This script must never run against a database that holds real data.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGS = ("nl", "fr", "en")
MUNICIPALITIES = (
    "Anderlecht",
    "Elsene",
    "Etterbeek",
    "Evere",
    "Ganshoren",
    "Jette",
    "Koekelberg",
    "Oudergem",
    "Schaarbeek",
    "Sint-Gillis",
    "Sint-Jans-Molenbeek",
    "Sint-Joost-ten-Node",
    "Sint-Lambrechts-Woluwe",
    "Sint-Pieters-Woluwe",
    "Ukkel",
    "Vorst",
    "Watermaal-Bosvoorde",
    "Lier",
    "Bonheiden",
    "Willebroek",
    "Duffel",
    "Putte",
    "Sint-Katelijne-Waver",
    "Zemst",
    "Boortmeerbeek",
    "Heist-op-den-Berg",
    "Berlaar",
    "Puurs-Sint-Amands",
    "Bornem",
    "Rumst",
    "Kampenhout",
    "Keerbergen",
    "Haacht",
)


@dataclass(frozen=True)
class LabelledQuery:
    lang: str
    query: str
    expected: frozenset[str]


def read_queries(path: Path) -> list[LabelledQuery]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            LabelledQuery(
                lang=row["lang"].strip(),
                query=row["query"].strip(),
                expected=frozenset(s.strip() for s in row["expected"].split(",") if s.strip()),
            )
            for row in rows
            if row.get("query", "").strip()
        ]


def setup_django(database_url: str | None) -> str:
    if database_url:
        os.environ["LOKET_DATABASE_URL"] = database_url
    os.environ.setdefault("LOKET_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_search.sqlite3'}")
    os.environ.setdefault("LOKET_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")
    os.environ.setdefault("LOKET_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return os.environ["LOKET_DATABASE_URL"]


def reset_database(*, force: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if "bench" not in Path(name).name and not force:
        raise SystemExit(f"refusing to empty database {name!r}: its name does not contain 'bench'")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def load_catalogue() -> int:
    from loket.catalog.models import Service, ServiceStatus
    from loket.demo import load_demo

    load_demo()
    return Service.objects.filter(status=ServiceStatus.PUBLISHED).count()


def accuracy(queries: list[LabelledQuery], *, show_misses: bool) -> dict[str, dict[str, tuple[float, float, int]]]:
    """mode -> language ("all" too) -> (top-1, top-3, n)."""
    from loket.catalog.models import Service
    from loket.catalog.search import catalogue_index

    index = catalogue_index()
    slugs = dict(Service.objects.values_list("id", "slug"))
    known = set(slugs.values())
    unknown = sorted({s for q in queries for s in q.expected} - known)
    if unknown:
        print(f"WARNING: labelled slugs not in the catalogue: {', '.join(unknown)}")
    modes = ["lexical", "hybrid"] if index.engine.has_vectors else ["lexical"]
    result: dict[str, dict[str, tuple[float, float, int]]] = {}
    for mode in modes:
        hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for q in queries:
            ranked = index.engine.search(query=q.query, lang=q.lang, limit=3, mode=mode)  # type: ignore[arg-type]
            found = [slugs[r.id] for r in ranked]
            top1 = bool(found[:1]) and found[0] in q.expected
            top3 = any(s in q.expected for s in found[:3])
            hits[q.lang].append((top1, top3))
            hits["all"].append((top1, top3))
            if show_misses and not top3:
                print(f"  miss [{mode}] {q.lang} {q.query!r}: expected {'/'.join(sorted(q.expected))}, got {found}")
        result[mode] = {
            lang: (
                sum(h[0] for h in rows) / len(rows),
                sum(h[1] for h in rows) / len(rows),
                len(rows),
            )
            for lang, rows in hits.items()
        }
    return result


def accuracy_without_language(queries: list[LabelledQuery]) -> dict[str, tuple[float, float, float, float, int]]:
    """Each language's queries against the catalogue with every text in that language removed.

    language -> (lexical top-1, lexical top-3, hybrid top-1, hybrid top-3, n): how well a query
    finds a service that was never translated into the citizen's language.
    """
    from loket.catalog import search_engine
    from loket.catalog.models import Service
    from loket.catalog.search import search_encoder, service_documents

    encoder = search_encoder()
    slugs = dict(Service.objects.values_list("id", "slug"))
    documents = service_documents(published_only=True)
    result = {}
    for lang in LANGS:
        stripped = [
            search_engine.Document(id=d.id, texts={k: v for k, v in d.texts.items() if k != lang}) for d in documents
        ]
        vectors = search_engine.encode_documents(documents=stripped, encoder=encoder) if encoder else None
        index = search_engine.SearchIndex.build(documents=stripped, vectors=vectors, encoder=encoder)
        mine = [q for q in queries if q.lang == lang]
        scores = []
        for mode in ("lexical", "hybrid"):
            top1 = top3 = 0
            for q in mine:
                found = [slugs[r.id] for r in index.search(query=q.query, lang=lang, limit=3, mode=mode)]  # type: ignore[arg-type]
                top1 += bool(found) and found[0] in q.expected
                top3 += any(s in q.expected for s in found)
            scores += [top1 / len(mine), top3 / len(mine)]
        result[lang] = (*scores, len(mine))
    return result


def compare_fusion(queries: list[LabelledQuery]) -> None:
    """Top-1/top-3 of other ways to combine the two signals, from the engine's raw scores.

    Ranks every published service (no result gating), on the full catalogue and on the
    catalogue without the query's language, so the choice in ``search_engine`` can be re-checked
    when the model, the catalogue or the labelled set change.
    """
    import numpy as np

    from loket.catalog import search_engine
    from loket.catalog.models import Service
    from loket.catalog.search import search_encoder, service_documents

    encoder = search_encoder()
    if encoder is None:
        print("fusion comparison needs the model")
        return
    slugs = dict(Service.objects.values_list("id", "slug"))
    documents = service_documents(published_only=True)

    def index_of(docs: list[search_engine.Document]) -> search_engine.SearchIndex:
        vectors = search_engine.encode_documents(documents=docs, encoder=encoder)
        return search_engine.SearchIndex.build(documents=docs, vectors=vectors, encoder=encoder)

    def ranks(values: np.ndarray) -> np.ndarray:
        out = np.empty(len(values))
        out[np.argsort(-values, kind="stable")] = np.arange(len(values))
        return out

    def weighted(alpha: float, floor: float = 0.1):  # noqa: ANN202
        def fuse(lexical: np.ndarray, ideal: float, semantic: np.ndarray) -> np.ndarray:
            lexical_norm = lexical / ideal if ideal > 0 else lexical
            return alpha * lexical_norm + (1 - alpha) * np.clip((semantic - floor) / (1 - floor), 0, 1)

        return fuse

    def rrf(k: int):  # noqa: ANN202
        def fuse(lexical: np.ndarray, ideal: float, semantic: np.ndarray) -> np.ndarray:
            return (lexical > 0) / (k + ranks(lexical) + 1) + 1 / (k + ranks(semantic) + 1)

        return fuse

    methods = {
        "lexical only": lambda lexical, ideal, semantic: lexical,
        "semantic only": lambda lexical, ideal, semantic: semantic,
        "reciprocal rank fusion, k=60": rrf(60),
        "reciprocal rank fusion, k=10": rrf(10),
        "weighted 0.7 lexical / 0.3 semantic": weighted(0.7),
        "weighted 0.5 / 0.5": weighted(0.5),
        "weighted 0.3 / 0.7 (chosen)": weighted(0.3),
        "weighted 0.2 / 0.8": weighted(0.2),
    }
    full = index_of(documents)
    without = {
        lang: index_of(
            [search_engine.Document(id=d.id, texts={k: v for k, v in d.texts.items() if k != lang}) for d in documents]
        )
        for lang in LANGS
    }
    signals = []
    for q in queries:
        for index, key in ((full, "full"), (without[q.lang], "without")):
            lexical, ideal = index.lexical_scores(q.query)
            semantic = index.semantic_scores(q.query)
            signals.append((key, q, index, lexical, ideal, semantic))
    print("\n| fusion | top-1 | top-3 | top-1 without the query's language | top-3 without |")
    print("|---|---|---|---|---|")
    for name, fuse in methods.items():
        hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for key, q, index, lexical, ideal, semantic in signals:
            fused = fuse(lexical, ideal, semantic)
            ids = np.asarray(index.ids)
            order = np.lexsort((ids, -fused))[:3]
            found = [slugs[index.ids[p]] for p in order]
            hits[key].append((found[0] in q.expected, any(s in q.expected for s in found)))
        cells = [f"{sum(h[i] for h in hits[key]) / len(hits[key]):.1%}" for key in ("full", "without") for i in (0, 1)]
        print(f"| {name} | " + " | ".join(cells) + " |")


def grow_catalogue(target: int) -> int:
    """Copies of the demo's published services, as other municipalities would publish them."""
    from loket.catalog.models import SERVICE_TEXT_FIELDS, Service, ServiceStatus

    # Every column, the texts in each language (plain .values() gives only the active one).
    columns = [
        f.attname for f in Service._meta.concrete_fields if f.name not in {"id", "updated_at", *SERVICE_TEXT_FIELDS}
    ]
    originals = list(Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("id").values(*columns))
    have = len(originals)
    copies = []
    i = 0
    while have + len(copies) < target:
        original = originals[i % len(originals)]
        town = MUNICIPALITIES[(i // len(originals)) % len(MUNICIPALITIES)]
        row = dict(original)
        row["slug"] = f"{original['slug']}-{i // len(originals) + 1}"
        for lang in LANGS:
            if row.get(f"title_{lang}"):
                row[f"title_{lang}"] = f"{row[f'title_{lang}']} ({town})"
            if row.get(f"summary_{lang}"):
                row[f"summary_{lang}"] = f"{row[f'summary_{lang}']} {town}."
        copies.append(Service(**row))
        i += 1
    Service.objects.bulk_create(copies, batch_size=200)
    return Service.objects.filter(status=ServiceStatus.PUBLISHED).count()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def latency(queries: list[LabelledQuery], *, rounds: int, model: bool) -> tuple[float, float, float, float, int]:
    """(index build s, p50 ms, p95 ms, max ms, vectors) of ``search_services`` over the labelled queries."""
    from django.test import override_settings

    from loket.catalog.search import catalogue_index, clear_index_cache, search_services

    with override_settings(LOKET_SEARCH_MODEL=model):
        clear_index_cache()
        start = time.perf_counter()
        index = catalogue_index()
        build = time.perf_counter() - start
        matrix = index.engine.vector_matrix
        vectors = 0 if matrix is None or not index.engine.has_vectors else len(matrix)
        for q in queries[:10]:  # warm-up: connection, caches
            search_services(query=q.query, lang=q.lang)
        timings = []
        for _ in range(rounds):
            for q in queries:
                start = time.perf_counter()
                search_services(query=q.query, lang=q.lang, limit=20)
                timings.append((time.perf_counter() - start) * 1000)
    return build, statistics.median(timings), percentile(timings, 95), max(timings), vectors


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU(s), {cpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: LOKET_DATABASE_URL, else var/bench_search.sqlite3")
    parser.add_argument("--queries", type=Path, default=HERE / "queries.tsv")
    parser.add_argument("--services", type=int, default=2000, help="catalogue size for the speed benchmark")
    parser.add_argument("--rounds", type=int, default=3, help="times each labelled query is timed")
    parser.add_argument("--skip-speed", action="store_true", help="accuracy only")
    parser.add_argument(
        "--speed-only", action="store_true", help="latency only, on the catalogue a previous run left in the database"
    )
    parser.add_argument("--show-misses", action="store_true", help="print the queries not found in the top 3")
    parser.add_argument("--compare-fusion", action="store_true", help="also compare ways to fuse the two signals")
    parser.add_argument("--i-know-this-empties-the-database", dest="force", action="store_true")
    args = parser.parse_args(argv)

    url = setup_django(args.database_url)
    from django.db import connection

    from loket.catalog.search import service_embeddings_refresh

    queries = read_queries(args.queries)
    print(f"Loket search benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {machine()}")
    print(f"database: {connection.vendor} ({url.split('@')[-1]}), {len(queries)} labelled queries")
    if args.speed_only:
        speed(queries, services=args.services, rounds=args.rounds)
        return
    reset_database(force=args.force)
    n = load_catalogue()
    start = time.perf_counter()
    service_embeddings_refresh()
    print(f"demo catalogue: {n} published services, embeddings in {time.perf_counter() - start:.1f} s")

    results = accuracy(queries, show_misses=args.show_misses)
    print("\n| language | n | lexical top-1 | lexical top-3 | hybrid top-1 | hybrid top-3 |")
    print("|---|---|---|---|---|---|")
    for lang in ("nl", "fr", "en", "all"):
        lex = results["lexical"].get(lang)
        hyb = results.get("hybrid", {}).get(lang)
        if lex is None:
            continue
        cells = [f"{lex[0]:.1%}", f"{lex[1]:.1%}"]
        cells += [f"{hyb[0]:.1%}", f"{hyb[1]:.1%}"] if hyb else ["-", "-"]
        print(f"| {lang} | {lex[2]} | " + " | ".join(cells) + " |")

    print("\nEach language's queries, with every text in that language removed from the catalogue:")
    print("\n| language removed | n | lexical top-1 | lexical top-3 | hybrid top-1 | hybrid top-3 |")
    print("|---|---|---|---|---|---|")
    for lang, (l1, l3, h1, h3, count) in accuracy_without_language(queries).items():
        print(f"| {lang} | {count} | {l1:.1%} | {l3:.1%} | {h1:.1%} | {h3:.1%} |")

    if args.compare_fusion:
        compare_fusion(queries)

    if not args.skip_speed:
        speed(queries, services=args.services, rounds=args.rounds)


def speed(queries: list[LabelledQuery], *, services: int, rounds: int) -> None:
    from loket.catalog.search import service_embeddings_refresh

    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    total = grow_catalogue(services)
    start = time.perf_counter()
    computed = service_embeddings_refresh()
    print(
        f"\ncatalogue grown to {total} published services; {computed} embeddings in {time.perf_counter() - start:.1f} s"
    )
    print("\n| mode | vectors | index build (s) | p50 (ms) | p95 (ms) | max (ms) | queries timed |")
    print("|---|---|---|---|---|---|---|")
    for label, model in (("lexical", False), ("hybrid", True)):
        build, p50, p95, worst, vectors = latency(queries, rounds=rounds, model=model)
        print(f"| {label} | {vectors} | {build:.2f} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {len(queries) * rounds} |")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
