"""The catalogue as CPSV-AP 3.2.0 JSON-LD: the vocabulary mapping, the export and the reading of a file.

CPSV-AP (the EU Core Public Service Vocabulary Application Profile) is how public service
catalogues are exchanged in Europe. This module holds the whole mapping between Loket's models and
CPSV-AP in one place (see ``docs/cpsv-ap.md`` for the table):

- ``catalog_graph`` / ``catalog_export_cpsv`` turn the PUBLISHED catalogue (and every life event)
  into an rdflib graph / a JSON-LD document with a compact ``@context``; the output conforms to
  the official SHACL shapes, because every node and code-list value it points to is typed in the
  same graph (the shapes check classes inside the data graph);
- ``cpsv_read`` parses any JSON-LD serialisation of such a graph back into plain records
  (``ServiceRecord``, ``LifeEventRecord``) and the problems of each record, without touching
  the database.

Writing the records is ``cpsv_services.catalog_import_cpsv``'s job. This module must never write
to the database, never export a draft, and never fetch anything from the network (a remote
JSON-LD ``@context`` is refused rather than downloaded).
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from loket.catalog.models import ChannelKind, LifeEvent, Service, ServiceChannel, ServiceStatus
from loket.core.errors import DomainError
from loket.organisations.models import Department, Organisation

# ``progress(done, total)``: called after each record, e.g. to move a progress bar.
Progress = Callable[[int, int], None]

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")

# --- Vocabularies ---------------------------------------------------------------------------------

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# Loket's own terms, for what CPSV-AP has no property for (the shapes are open, so other
# consumers just ignore them) and Loket's own code lists. One fixed namespace, the same for every
# deployment, so that a file from one Loket reads in another. The domain is a placeholder until
# the project has a persistent identifier (w3id.org).
LOKET = Namespace("https://loket.example/ns/")

# Publications Office authority tables (the code lists CPSV-AP recommends).
EUR = URIRef("http://publications.europa.eu/resource/authority/currency/EUR")
BELGIUM = URIRef("http://publications.europa.eu/resource/authority/atu/BEL")
# ADMS status vocabulary: a published sheet is "Completed", a draft "UnderDevelopment".
STATUS_CONCEPTS: dict[str, URIRef] = {
    ServiceStatus.PUBLISHED: URIRef("http://purl.org/adms/status/Completed"),
    ServiceStatus.DRAFT: URIRef("http://purl.org/adms/status/UnderDevelopment"),
}
STATUS_LABELS: dict[str, dict[str, str]] = {
    ServiceStatus.PUBLISHED: {"nl": "Voltooid", "fr": "Achevé", "en": "Completed"},
    ServiceStatus.DRAFT: {"nl": "In ontwikkeling", "fr": "En cours de développement", "en": "Under development"},
}

# Channel types. The EU's Europass channel-type list (which CPSV-AP recommends) has post, e-mail,
# phone, fax and web but no counter or home visit, so Loket publishes its own small code list.
CHANNEL_SCHEME = LOKET["channel-kind"]
CHANNEL_LABELS: dict[str, dict[str, str]] = {
    ChannelKind.ONLINE: {"nl": "Online", "fr": "En ligne", "en": "Online"},
    ChannelKind.PHONE: {"nl": "Telefonisch", "fr": "Par téléphone", "en": "By phone"},
    ChannelKind.QUICK_COUNTER: {
        "nl": "Snelloket, zonder afspraak",
        "fr": "Guichet rapide, sans rendez-vous",
        "en": "Quick counter, no appointment",
    },
    ChannelKind.APPOINTMENT: {
        "nl": "Aan het loket, op afspraak",
        "fr": "Au guichet, sur rendez-vous",
        "en": "At the counter, by appointment",
    },
    ChannelKind.HOME_VISIT: {"nl": "Huisbezoek", "fr": "Visite à domicile", "en": "Home visit"},
    ChannelKind.POST: {"nl": "Per post", "fr": "Par courrier", "en": "By post"},
}
AUDIENCE_CONCEPT = LOKET["requirement-type/audience"]
OWNER_ROLE_CONCEPT = LOKET["participation-role/owning-department"]

# Fixed labels of the nodes that wrap one text field of a service.
AUDIENCE_TITLE = {"nl": "Voor wie?", "fr": "Pour qui ?", "en": "Who is it for?"}
PROCEDURE_TITLE = {"nl": "Hoe gaat het in zijn werk?", "fr": "Comment ça marche ?", "en": "How does it work?"}
OWNER_DESCRIPTION = {
    "nl": "Dienst die de fiche en het werk beheert",
    "fr": "Service qui gère la fiche et le travail",
    "en": "Department that owns the content and the work",
}
BELGIUM_LABEL = {"nl": "België", "fr": "Belgique", "en": "Belgium"}
EUR_LABEL = {"nl": "euro", "fr": "euro", "en": "euro"}

CONTEXT: dict[str, Any] = {
    "cpsv": str(CPSV),
    "cv": str(CV),
    "dct": str(DCT),
    "dcat": str(DCAT),
    "skos": str(SKOS),
    "adms": str(ADMS),
    "eli": str(ELI),
    "foaf": str(FOAF),
    "org": str(ORG),
    "locn": str(LOCN),
    "vcard": str(VCARD),
    "xsd": str(XSD),
    "loket": str(LOKET),
    "PublicService": "cpsv:PublicService",
    "PublicOrganisation": "cv:PublicOrganisation",
    "Channel": "cv:Channel",
    "Cost": "cv:Cost",
    "Evidence": "cv:Evidence",
    "Requirement": "cv:Requirement",
    "Rule": "cpsv:Rule",
    "LegalResource": "eli:LegalResource",
    "Participation": "cv:Participation",
    "Event": "cv:Event",
    "LifeEvent": "cv:LifeEvent",
    "Agent": "foaf:Agent",
    "OrganizationalUnit": "org:OrganizationalUnit",
    "Concept": "skos:Concept",
    "Location": "dct:Location",
    "identifier": "dct:identifier",
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "keyword": {"@id": "dcat:keyword", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "notation": "skos:notation",
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "type": {"@id": "dct:type", "@type": "@id"},
    "status": {"@id": "adms:status", "@type": "@id"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "geographicName": "locn:geographicName",
    "hasCompetentAuthority": {"@id": "cv:hasCompetentAuthority", "@type": "@id"},
    "hasParticipation": {"@id": "cv:hasParticipation", "@type": "@id"},
    "hasParticipant": {"@id": "cv:hasParticipant", "@type": "@id"},
    "role": {"@id": "cv:role", "@type": "@id"},
    "unitOf": {"@id": "org:unitOf", "@type": "@id"},
    "hasChannel": {"@id": "cv:hasChannel", "@type": "@id"},
    "hasURL": {"@id": "vcard:hasURL", "@type": "@id"},
    "telephone": "cv:telephone",
    "hasCost": {"@id": "cv:hasCost", "@type": "@id"},
    "hasValue": {"@id": "cv:hasValue", "@type": "xsd:double"},
    "currency": {"@id": "cv:currency", "@type": "@id"},
    "hasInput": {"@id": "cpsv:hasInput", "@type": "@id"},
    "holdsRequirement": {"@id": "cv:holdsRequirement", "@type": "@id"},
    "hasSupportingEvidence": {"@id": "cv:hasSupportingEvidence", "@type": "@id"},
    "follows": {"@id": "cpsv:follows", "@type": "@id"},
    "hasLegalResource": {"@id": "cv:hasLegalResource", "@type": "@id"},
    "processingTime": {"@id": "cv:processingTime", "@type": "xsd:duration"},
    "isGroupedBy": {"@id": "cv:isGroupedBy", "@type": "@id"},
    "relatedService": {"@id": "cv:relatedService", "@type": "@id"},
    "relation": {"@id": "dct:relation", "@type": "@id"},
    "order": "loket:order",
    "processingTimeText": {"@id": "loket:processingTimeText", "@container": "@language"},
    "counterTime": {"@id": "loket:counterTime", "@type": "xsd:duration"},
    "lastReviewed": {"@id": "loket:lastReviewed", "@type": "xsd:date"},
    "reviewIntervalDays": "loket:reviewIntervalDays",
    "handlingWorkingDays": "loket:handlingWorkingDays",
}

DEFAULT_BASE_URI = "https://loket.example/"


def base_uri_default() -> str:
    """Where the IRIs of this deployment's services live: ``LOKET_PUBLIC_URL`` if set."""
    return str(getattr(settings, "LOKET_PUBLIC_URL", "") or DEFAULT_BASE_URI)


class _Iris:
    """The IRIs of one export: services, organisations and life events under ``{base}id/``."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/") + "/id/"

    def service(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}service/{slug}")

    def part(self, slug: str, suffix: str) -> URIRef:
        return URIRef(f"{self.base}service/{slug}/{suffix}")

    def organisation(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}organisation/{slug}")

    def department(self, organisation_slug: str, slug: str) -> URIRef:
        return URIRef(f"{self.base}organisation/{organisation_slug}/department/{slug}")

    def place(self, name: str) -> URIRef:
        return URIRef(f"{self.base}place/{slugify(name) or 'unknown'}")

    def life_event(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}life-event/{slug}")


# --- Text conventions shared by export and import ----------------------------------------------


def split_keywords(text: str | None) -> list[str]:
    """The keywords of a ``keywords`` text (comma-separated), trimmed, without duplicates."""
    seen: dict[str, None] = {}
    for item in (text or "").split(","):
        if item.strip():
            seen.setdefault(item.strip())
    return list(seen)


def join_keywords(keywords: Iterable[str]) -> str:
    return ", ".join(keywords)


def split_lines(text: str | None) -> list[str]:
    """The non-empty lines of a one-item-a-line text (``documents``), trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


_UNIT_WORDS: tuple[tuple[str, str], ...] = (
    # (regular expression of the unit in nl/fr/en, xsd:duration unit)
    (r"minut\w*", "M_T"),
    (r"hours?|heures?|uur|uren", "H"),
    (r"(?:working |business |calendar )?days?|(?:werk|kalender)?dag(?:en)?|jours?(?: ouvrables?| calendrier)?", "D"),
    (r"weeks?|weken|week|semaines?", "W"),
    (r"months?|maand(?:en)?|mois", "M"),
    (r"years?|ja(?:a)?r(?:en)?|ans?|années?", "Y"),
)
_DURATION_RE = re.compile(
    r"(\d+)(?:\s*(?:to|-|–|tot|à|a|and|en|et|or|of|ou)\s*(\d+))?\s*(" + "|".join(w for w, _u in _UNIT_WORDS) + r")\b",
    re.IGNORECASE,
)
_AT_ONCE_RE = re.compile(
    r"\b(immediately|at once|on the spot|right away|onmiddellijk|meteen|direct|ter plaatse|"
    r"immédiatement|tout de suite|sur place)\b",
    re.IGNORECASE,
)


def processing_duration(texts: dict[str, str]) -> str | None:
    """An ``xsd:duration`` for the free-text processing time: the longest duration it names.

    Read from the English text, else the Dutch, else the French; "2 to 3 weeks" gives ``P21D``,
    "immediately" gives ``P0D``; None when the text names no duration. It is an estimate for
    machines: the text stays what citizens read.
    """
    for lang in ("en", "nl", "fr"):
        text = texts.get(lang, "")
        if not text:
            continue
        best: tuple[float, str] | None = None
        for match in _DURATION_RE.finditer(text):
            amount = int(match.group(2) or match.group(1))
            unit = next(u for w, u in _UNIT_WORDS if re.fullmatch(w, match.group(3), re.IGNORECASE))
            in_days, lexical = {
                "M_T": (amount / 1440, f"PT{amount}M"),
                "H": (amount / 24, f"PT{amount}H"),
                "D": (amount, f"P{amount}D"),
                "W": (amount * 7, f"P{amount * 7}D"),  # xsd:duration has no weeks
                "M": (amount * 30, f"P{amount}M"),
                "Y": (amount * 365, f"P{amount}Y"),
            }[unit]
            if best is None or in_days > best[0]:
                best = (in_days, lexical)
        if best is not None:
            return best[1]
        if _AT_ONCE_RE.search(text):
            return "P0D"
    return None


# --- Export -------------------------------------------------------------------------------------


def _texts(obj: Any, name: str) -> dict[str, str]:
    """The non-empty translations of field ``name`` of ``obj``, per language."""
    out = {}
    for lang in LANGUAGES:
        value = getattr(obj, f"{name}_{lang}", None) or ""
        if value.strip():
            out[lang] = value
    return out


def _add_texts(graph: Graph, node: Node, prop: URIRef, texts: dict[str, str]) -> None:
    for lang, text in texts.items():
        graph.add((node, prop, Literal(text, lang=lang)))


def _add_concept(
    graph: Graph, concept: URIRef, labels: dict[str, str], *, notation: str | None = None, scheme: URIRef | None = None
) -> URIRef:
    graph.add((concept, RDF.type, SKOS.Concept))
    _add_texts(graph, concept, SKOS.prefLabel, labels)
    if notation is not None:
        graph.add((concept, SKOS.notation, Literal(notation)))
    if scheme is not None:
        graph.add((concept, SKOS.inScheme, scheme))
    return concept


def _published_services() -> QuerySet[Service]:
    published = Service.objects.filter(status=ServiceStatus.PUBLISHED)
    return (
        published.select_related("organisation", "department", "department__organisation")
        .prefetch_related(
            Prefetch("channels", queryset=ServiceChannel.objects.order_by("order", "kind")),
            Prefetch("related", queryset=published.only("id", "slug").order_by("slug")),
            Prefetch("life_events", queryset=LifeEvent.objects.only("id", "slug").order_by("slug")),
            "organisation__locations",
        )
        .order_by("slug")
    )


def catalog_graph(*, base_uri: str | None = None, progress: Progress | None = None) -> Graph:
    """The published catalogue and every life event as a CPSV-AP 3.2.0 graph.

    Drafts are left out, and so are relations to drafts (they would point at nodes the graph does
    not describe). IRIs live under ``base_uri`` (default: ``base_uri_default()``).
    """
    iris = _Iris(base_uri or base_uri_default())
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        if isinstance(namespace, str) and namespace.startswith("http"):
            graph.bind(prefix, Namespace(namespace))
    services = list(_published_services())
    organisations: dict[int, Organisation] = {}
    departments: dict[int, Department] = {}
    used_channel_kinds: set[str] = set()
    used_status: set[str] = set()
    uses_euro = uses_audience = uses_owner = False

    for done, service in enumerate(services, start=1):
        node = iris.service(service.slug)
        slug = service.slug
        organisations[service.organisation_id] = service.organisation
        graph.add((node, RDF.type, CPSV.PublicService))
        graph.add((node, DCT.identifier, Literal(slug)))
        titles = _texts(service, "title") or {"nl": service.title or slug}
        _add_texts(graph, node, DCT.title, titles)
        # dct:description is mandatory; a sheet without a summary describes itself by its title.
        _add_texts(graph, node, DCT.description, _texts(service, "summary") or titles)
        for lang in LANGUAGES:
            for keyword in split_keywords(getattr(service, f"keywords_{lang}", "")):
                graph.add((node, DCAT.keyword, Literal(keyword, lang=lang)))
        graph.add((node, ADMS.status, STATUS_CONCEPTS[service.status]))
        used_status.add(service.status)
        graph.add((node, CV.hasCompetentAuthority, iris.organisation(service.organisation.slug)))

        if service.department_id is not None:
            department = service.department
            assert department is not None  # select_related above
            departments[department.pk] = department
            participation = iris.part(slug, "participation/owning-department")
            graph.add((node, CV.hasParticipation, participation))
            graph.add((participation, RDF.type, CV.Participation))
            graph.add((participation, DCT.identifier, Literal(f"{slug}/participation/owning-department")))
            _add_texts(graph, participation, DCT.description, OWNER_DESCRIPTION)
            graph.add((participation, CV.role, OWNER_ROLE_CONCEPT))
            graph.add(
                (participation, CV.hasParticipant, iris.department(department.organisation.slug, department.slug))
            )
            uses_owner = True

        for channel in service.channels.all():
            channel_node = iris.part(slug, f"channel/{channel.kind}")
            graph.add((node, CV.hasChannel, channel_node))
            graph.add((channel_node, RDF.type, CV.Channel))
            graph.add((channel_node, DCT.identifier, Literal(f"{slug}/channel/{channel.kind}")))
            graph.add((channel_node, DCT.type, LOKET[f"channel-kind/{channel.kind}"]))
            _add_texts(graph, channel_node, DCT.description, _texts(channel, "instructions"))
            if channel.url:
                graph.add((channel_node, VCARD.hasURL, URIRef(channel.url)))
            if channel.phone:
                graph.add((channel_node, CV.telephone, Literal(channel.phone)))
            graph.add((channel_node, LOKET.order, Literal(channel.order)))
            used_channel_kinds.add(channel.kind)

        cost_texts = _texts(service, "cost")
        if cost_texts or service.cost_amount is not None:
            cost = iris.part(slug, "cost")
            graph.add((node, CV.hasCost, cost))
            graph.add((cost, RDF.type, CV.Cost))
            graph.add((cost, DCT.identifier, Literal(f"{slug}/cost")))
            _add_texts(graph, cost, DCT.description, cost_texts)
            if service.cost_amount is not None:
                graph.add((cost, CV.hasValue, Literal(format(service.cost_amount, "f"), datatype=XSD.double)))
                graph.add((cost, CV.currency, EUR))
                uses_euro = True

        # "What to bring": one Evidence a line, line n of every language being the same document.
        evidence_nodes = []
        lines = {lang: split_lines(getattr(service, f"documents_{lang}", "")) for lang in LANGUAGES}
        for index in range(max(len(v) for v in lines.values())):
            evidence = iris.part(slug, f"evidence/{index + 1}")
            evidence_nodes.append(evidence)
            graph.add((node, CPSV.hasInput, evidence))
            graph.add((evidence, RDF.type, CV.Evidence))
            graph.add((evidence, DCT.identifier, Literal(f"{slug}/evidence/{index + 1}")))
            _add_texts(graph, evidence, DCT.title, {lang: v[index] for lang, v in lines.items() if index < len(v)})
            graph.add((evidence, LOKET.order, Literal(index + 1)))

        audience = _texts(service, "audience")
        if audience:
            requirement = iris.part(slug, "requirement/audience")
            graph.add((node, CV.holdsRequirement, requirement))
            graph.add((requirement, RDF.type, CV.Requirement))
            graph.add((requirement, DCT.identifier, Literal(f"{slug}/requirement/audience")))
            _add_texts(graph, requirement, DCT.title, {lang: AUDIENCE_TITLE[lang] for lang in audience})
            _add_texts(graph, requirement, DCT.description, audience)
            graph.add((requirement, DCT.type, AUDIENCE_CONCEPT))
            for evidence in evidence_nodes:
                graph.add((requirement, CV.hasSupportingEvidence, evidence))
            uses_audience = True

        procedure = _texts(service, "procedure")
        if procedure:
            rule = iris.part(slug, "rule/procedure")
            graph.add((node, CPSV.follows, rule))
            graph.add((rule, RDF.type, CPSV.Rule))
            graph.add((rule, DCT.identifier, Literal(f"{slug}/rule/procedure")))
            _add_texts(graph, rule, DCT.title, {lang: PROCEDURE_TITLE[lang] for lang in procedure})
            _add_texts(graph, rule, DCT.description, procedure)

        legal_basis = _texts(service, "legal_basis")
        if legal_basis:
            legal = iris.part(slug, "legal-basis")
            graph.add((node, CV.hasLegalResource, legal))
            graph.add((legal, RDF.type, ELI.LegalResource))
            graph.add((legal, DCT.identifier, Literal(f"{slug}/legal-basis")))
            _add_texts(graph, legal, DCT.description, legal_basis)

        processing = _texts(service, "processing_time")
        _add_texts(graph, node, LOKET.processingTimeText, processing)
        if (duration := processing_duration(processing)) is not None:
            graph.add((node, CV.processingTime, Literal(duration, datatype=XSD.duration)))

        for related in service.related.all():
            graph.add((node, CV.relatedService, iris.service(related.slug)))
            # CPSV-AP 3 names this cv:relatedService, a sub-property of dct:relation; both are
            # stated so that consumers without RDFS reasoning find it either way.
            graph.add((node, DCT.relation, iris.service(related.slug)))
        for life_event in service.life_events.all():
            graph.add((node, CV.isGroupedBy, iris.life_event(life_event.slug)))

        graph.add((node, LOKET.counterTime, Literal(f"PT{service.duration_minutes}M", datatype=XSD.duration)))
        if service.last_reviewed is not None:
            graph.add((node, LOKET.lastReviewed, Literal(service.last_reviewed.isoformat(), datatype=XSD.date)))
        graph.add((node, LOKET.reviewIntervalDays, Literal(service.review_interval_days)))
        if service.handling_days is not None:
            # Working days the back office has for a request (cv:processingTime is a calendar duration).
            graph.add((node, LOKET.handlingWorkingDays, Literal(service.handling_days)))
        if progress is not None:
            progress(done, len(services))

    for life_event in LifeEvent.objects.order_by("order", "slug"):
        node = iris.life_event(life_event.slug)
        graph.add((node, RDF.type, CV.Event))
        graph.add((node, RDF.type, CV.LifeEvent))
        graph.add((node, DCT.identifier, Literal(life_event.slug)))
        _add_texts(graph, node, DCT.title, _texts(life_event, "title") or {"nl": life_event.title or life_event.slug})
        _add_texts(graph, node, DCT.description, _texts(life_event, "description"))
        graph.add((node, LOKET.order, Literal(life_event.order)))

    for organisation in organisations.values():
        _add_organisation(graph, iris, organisation)
    for department in departments.values():
        node = iris.department(department.organisation.slug, department.slug)
        graph.add((node, RDF.type, FOAF.Agent))
        graph.add((node, RDF.type, ORG.OrganizationalUnit))
        graph.add((node, DCT.identifier, Literal(department.slug)))
        _add_texts(graph, node, DCT.title, _texts(department, "name") or {"nl": department.name or department.slug})
        graph.add((node, ORG.unitOf, iris.organisation(department.organisation.slug)))

    for kind in sorted(used_channel_kinds):
        _add_concept(
            graph, LOKET[f"channel-kind/{kind}"], CHANNEL_LABELS[kind], notation=str(kind), scheme=CHANNEL_SCHEME
        )
    for status in sorted(used_status):
        _add_concept(graph, STATUS_CONCEPTS[status], STATUS_LABELS[status])
    if uses_euro:
        _add_concept(graph, EUR, EUR_LABEL, notation="EUR")
    if uses_audience:
        _add_concept(graph, AUDIENCE_CONCEPT, AUDIENCE_TITLE, notation="audience")
    if uses_owner:
        _add_concept(
            graph,
            OWNER_ROLE_CONCEPT,
            {"nl": "Beherende dienst", "fr": "Service gestionnaire", "en": "Owning department"},
            notation="owning-department",
        )
    return graph


def _add_organisation(graph: Graph, iris: _Iris, organisation: Organisation) -> None:
    """The competent authority, with the places it serves (Belgium, and the cities of its offices)."""
    node = iris.organisation(organisation.slug)
    graph.add((node, RDF.type, CV.PublicOrganisation))
    graph.add((node, DCT.identifier, Literal(organisation.slug)))
    names = _texts(organisation, "name") or {"nl": organisation.name or organisation.slug}
    _add_texts(graph, node, SKOS.prefLabel, names)
    graph.add((node, DCT.spatial, BELGIUM))
    graph.add((BELGIUM, RDF.type, DCT.Location))
    _add_texts(graph, BELGIUM, SKOS.prefLabel, BELGIUM_LABEL)
    for city in sorted({location.city for location in organisation.locations.all() if location.city.strip()}):
        place = iris.place(city)
        graph.add((node, DCT.spatial, place))
        graph.add((place, RDF.type, DCT.Location))
        graph.add((place, LOCN.geographicName, Literal(city)))


def graph_to_jsonld(graph: Graph) -> str:
    """``graph`` as JSON-LD with Loket's compact ``@context``, nodes sorted by ``@id`` for stable diffs."""
    document = json.loads(graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True))
    if "@graph" not in document:  # one node only: rdflib leaves out the @graph array
        context = document.pop("@context")
        document = {"@context": context, "@graph": [document] if document else []}
    document["@graph"].sort(key=lambda n: str(n.get("@id", "")))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def catalog_export_cpsv(*, base_uri: str | None = None, progress: Progress | None = None) -> str:
    """The published catalogue as a CPSV-AP 3.2.0 JSON-LD document (text)."""
    return graph_to_jsonld(catalog_graph(base_uri=base_uri, progress=progress))


# --- Reading a file -----------------------------------------------------------------------------


@dataclass
class ChannelRecord:
    kind: str
    instructions: dict[str, str]
    url: str
    phone: str
    order: int | None


@dataclass
class ServiceRecord:
    """One ``cpsv:PublicService`` of a file, in Loket's terms. ``None`` means "not in the file"."""

    slug: str
    node: str
    organisation: str  # the competent authority's identifier (Organisation.slug)
    department: str | None  # the owning department's identifier (Department.slug), if any
    department_organisation: str | None
    status: str
    texts: dict[str, dict[str, str]]  # field name -> language -> text, for SERVICE_TEXT_FIELDS
    cost_amount: Decimal | None
    channels: list[ChannelRecord]
    related: set[str]
    life_events: set[str]
    duration_minutes: int | None
    last_reviewed: datetime.date | None
    review_interval_days: int | None
    handling_days: int | None = None


@dataclass
class LifeEventRecord:
    slug: str
    node: str
    title: dict[str, str]
    description: dict[str, str]
    order: int | None


@dataclass(frozen=True)
class RecordProblem:
    """What is wrong with one record of a file (or with the file, when ``record`` is "file")."""

    record: str  # "service", "life event" or "file"
    identifier: str
    message: str

    def __str__(self) -> str:
        if self.record == "file":
            return self.message
        return f"{self.record} {self.identifier}: {self.message}"


@dataclass
class CpsvFile:
    services: list[ServiceRecord] = field(default_factory=list)
    life_events: list[LifeEventRecord] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordProblem] = field(default_factory=list)


class CpsvImportError(DomainError):
    """A CPSV-AP file with bad records: nothing was imported; ``problems`` lists every bad record."""

    code = "cpsv_invalid"

    def __init__(self, problems: list[RecordProblem]) -> None:
        super().__init__(
            ngettext(
                "Nothing was imported: %(count)d record is not right.",
                "Nothing was imported: %(count)d records are not right.",
                len(problems),
            )
            % {"count": len(problems)},
            code=self.code,
        )
        self.problems = problems


_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_REMOTE_CONTEXT_KEYS = ("@context", "@import")


def _remote_contexts(value: Any) -> Iterator[str]:
    """Every remote context (a URL the JSON-LD processor would download) in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _REMOTE_CONTEXT_KEYS:
                contexts = item if isinstance(item, list) else [item]
                yield from (c for c in contexts if isinstance(c, str))
            yield from _remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _remote_contexts(item)


_DURATION_LEXICAL = re.compile(r"P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")


def counter_minutes(value: Node) -> int | None:
    """Whole minutes (1 to 32767) of an ``xsd:duration`` literal, by value: rdflib writes PT60M as PT1H."""
    if not isinstance(value, Literal) or not _DURATION_LEXICAL.fullmatch(str(value)):
        return None
    duration = Literal(str(value), datatype=XSD.duration).toPython()
    if not isinstance(duration, datetime.timedelta):  # years or months: not a time at the counter
        return None
    seconds = duration.total_seconds()
    if seconds % 60 or not 1 <= seconds // 60 <= 32767:
        return None
    return int(seconds // 60)


def _show(node: Node) -> str:
    """A node as a person reads it in a message: <iri>, "text" or _:blank."""
    if isinstance(node, Literal):
        return f'"{node}"'
    return f"<{node}>" if isinstance(node, URIRef) else f"_:{node}"


def parse_jsonld(data: str | bytes) -> Graph:
    """The graph of a JSON-LD document; a DomainError (code ``cpsv_unreadable``) when it is not one."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError(
            _("The file is not JSON: %(error)s") % {"error": exc}, code="cpsv_unreadable", field="file"
        ) from exc
    if remote := sorted(set(_remote_contexts(document))):
        # Loket works offline and must not fetch URLs named in a file someone hands it.
        raise DomainError(
            _("The file refers to a remote JSON-LD context (%(url)s); put the @context in the file itself.")
            % {"url": ", ".join(remote)},
            code="cpsv_unreadable",
            field="file",
        )
    try:
        return Graph().parse(data=json.dumps(document), format="json-ld")
    except Exception as exc:  # rdflib raises many kinds of error; each means "not JSON-LD"
        raise DomainError(
            _("The file is not valid JSON-LD: %(error)s") % {"error": exc}, code="cpsv_unreadable", field="file"
        ) from exc


class _Reader:
    """Turns one graph into records, collecting the problems of each record as it goes."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.result = CpsvFile()
        self._current: tuple[str, str] = ("file", "")

    # Problems are reported against the record being read.
    def problem(self, message: str) -> None:
        record, identifier = self._current
        self.result.problems.append(RecordProblem(record, identifier, message))

    def warn(self, message: str) -> None:
        record, identifier = self._current
        self.result.warnings.append(RecordProblem(record, identifier, message))

    def identifier(self, node: Node) -> str | None:
        values = [str(v) for v in self.g.objects(node, DCT.identifier)]
        return values[0].strip() if len(values) == 1 else None

    def label(self, node: Node) -> str:
        return self.identifier(node) or (f"<{node}>" if isinstance(node, URIRef) else "(a node without IRI)")

    def one(self, node: Node, prop: URIRef, what: str) -> Node | None:
        values = list(self.g.objects(node, prop))
        if len(values) > 1:
            self.problem(_("has %(count)d %(what)s; Loket keeps one.") % {"count": len(values), "what": what})
        return values[0] if values else None

    def texts(self, node: Node, prop: URIRef, what: str, *, many: bool = False) -> dict[str, list[str]]:
        """The language-tagged texts of ``prop``, per language (nl, fr, en); others are skipped."""
        out: dict[str, list[str]] = defaultdict(list)
        for value in self.g.objects(node, prop):
            if not isinstance(value, Literal) or not value.language:
                self.problem(
                    _("%(what)s must be text with a language tag (nl, fr or en), not %(value)s")
                    % {"what": what, "value": _show(value)}
                )
                continue
            lang = value.language.lower().split("-")[0]
            if lang not in LANGUAGES:
                self.warn(_("%(what)s in language '%(lang)s' skipped.") % {"what": what, "lang": value.language})
                continue
            out[lang].append(str(value))
        if not many:
            for lang, values in out.items():
                if len(values) > 1:
                    self.problem(
                        _("%(what)s is given %(count)d times in '%(lang)s'; Loket keeps one.")
                        % {"what": what, "count": len(values), "lang": lang}
                    )
        return out

    def text(self, node: Node, prop: URIRef, what: str) -> dict[str, str]:
        return {lang: values[0] for lang, values in self.texts(node, prop, what).items()}

    def integer(self, node: Node, prop: URIRef, what: str, *, low: int, high: int) -> int | None:
        value = self.one(node, prop, what)
        if value is None:
            return None
        try:
            number = int(str(value))
        except ValueError:
            self.problem(_("%(what)s must be a whole number, not %(value)s") % {"what": what, "value": _show(value)})
            return None
        if not low <= number <= high:
            self.problem(
                _("%(what)s must be between %(low)d and %(high)d, not %(value)d")
                % {"what": what, "low": low, "high": high, "value": number}
            )
            return None
        return number

    def typed(self, rdf_class: URIRef) -> list[Node]:
        return sorted(set(self.g.subjects(RDF.type, rdf_class)), key=str)

    def concept_notation(self, concept: Node) -> str | None:
        notations = [str(n) for n in self.g.objects(concept, SKOS.notation)]
        if notations:
            return notations[0]
        # A file that does not describe the concept still names it by its IRI.
        text = str(concept)
        return text.rsplit("/", 1)[-1] if text.startswith(str(LOKET)) else None

    def slug(self, node: Node, what: str) -> str | None:
        values = [str(v).strip() for v in self.g.objects(node, DCT.identifier)]
        if len(values) != 1:
            self.problem(
                _("%(what)s needs exactly one dct:identifier, not %(count)d") % {"what": what, "count": len(values)}
            )
            return None
        if not _SLUG_RE.match(values[0]) or len(values[0]) > 50:
            self.problem(
                _("identifier '%(value)s' is not a slug (letters, digits, hyphens, at most 50)") % {"value": values[0]}
            )
            return None
        return values[0]

    # --- records --------------------------------------------------------------------------

    def read(self) -> CpsvFile:
        event_nodes = set(self.typed(CV.LifeEvent)) | set(self.typed(CV.Event)) | set(self.typed(CV.BusinessEvent))
        event_slugs: dict[Node, str] = {}
        for node in sorted(event_nodes, key=str):
            self._current = ("life event", self.label(node))
            record = self.life_event(node)
            if record is not None:
                self.result.life_events.append(record)
                event_slugs[node] = record.slug
        # An event may also name its services (cv:hasRelatedService) instead of the other way round.
        grouped_by: dict[Node, set[Node]] = defaultdict(set)
        for event, service in self.g.subject_objects(CV.hasRelatedService):
            grouped_by[service].add(event)
        for service, event in self.g.subject_objects(CV.isGroupedBy):
            grouped_by[service].add(event)

        service_nodes = self.typed(CPSV.PublicService)
        service_slugs = {node: slug for node in service_nodes if (slug := self.identifier(node))}
        for node in service_nodes:
            self._current = ("service", self.label(node))
            read = self.service(node, service_slugs=service_slugs, event_slugs=event_slugs, events=grouped_by[node])
            if read is not None:
                self.result.services.append(read)

        self._current = ("file", "")
        if not service_nodes and not event_nodes:
            self.problem(_("The file holds no cpsv:PublicService and no cv:LifeEvent."))
        slugs = (
            ("service", [r.slug for r in self.result.services]),
            ("life event", [r.slug for r in self.result.life_events]),
        )
        for kind, identifiers in slugs:
            counts = Counter(identifiers)
            for slug, count in sorted(counts.items()):
                if count > 1:
                    self.result.problems.append(
                        RecordProblem(
                            kind, slug, _("the identifier appears %(count)d times in the file.") % {"count": count}
                        )
                    )
        return self.result

    def life_event(self, node: Node) -> LifeEventRecord | None:
        slug = self.slug(node, _("a life event"))
        title = self.text(node, DCT.title, "dct:title")
        if not title:
            self.problem(_("has no dct:title in Dutch, French or English."))
        description = self.text(node, DCT.description, "dct:description")
        order = self.integer(node, LOKET.order, "loket:order", low=0, high=32767)
        if slug is None or not title:
            return None
        return LifeEventRecord(slug=slug, node=str(node), title=title, description=description, order=order)

    def service(
        self, node: Node, *, service_slugs: dict[Node, str], event_slugs: dict[Node, str], events: set[Node]
    ) -> ServiceRecord | None:
        problems_before = len(self.result.problems)
        slug = self.slug(node, _("a public service"))
        texts: dict[str, dict[str, str]] = {}
        texts["title"] = self.text(node, DCT.title, "dct:title")
        if not texts["title"]:
            self.problem(_("has no dct:title in Dutch, French or English."))
        summary = self.text(node, DCT.description, "dct:description")
        if not summary:
            self.problem(_("has no dct:description in Dutch, French or English."))
        # The export describes a sheet without a summary by its title: read that back as no summary.
        texts["summary"] = {} if summary == texts["title"] else summary
        texts["keywords"] = {
            lang: join_keywords(dict.fromkeys(k.strip() for k in words if k.strip()))
            for lang, words in self.texts(node, DCAT.keyword, "dcat:keyword", many=True).items()
        }
        texts["processing_time"] = self.text(node, LOKET.processingTimeText, "loket:processingTimeText")

        status = ServiceStatus.DRAFT  # a file that does not say so is not published unasked
        if (status_node := self.one(node, ADMS.status, "adms:status")) is not None:
            found = [s for s, concept in STATUS_CONCEPTS.items() if concept == status_node]
            if not found:
                self.problem(
                    _("status %(value)s is not one Loket knows (%(known)s).")
                    % {"value": _show(status_node), "known": ", ".join(_show(c) for c in STATUS_CONCEPTS.values())}
                )
            else:
                status = ServiceStatus(found[0])

        organisation = ""
        authorities = list(self.g.objects(node, CV.hasCompetentAuthority))
        if len(authorities) != 1:
            self.problem(_("needs exactly one cv:hasCompetentAuthority, not %(count)d") % {"count": len(authorities)})
        elif (authority := self.identifier(authorities[0])) is None:
            self.problem(_("its competent authority %(node)s has no dct:identifier.") % {"node": _show(authorities[0])})
        else:
            organisation = authority

        department, department_organisation = self.department(node)
        texts["audience"] = self.audience(node)
        texts["procedure"] = self.joined(node, CPSV.follows, "cpsv:Rule")
        texts["legal_basis"] = self.joined(node, CV.hasLegalResource, "eli:LegalResource")
        texts["documents"] = self.documents(node)
        texts["cost"], cost_amount = self.cost(node)
        channels = self.channels(node)

        related: set[str] = set()
        for prop in (CV.relatedService, DCT.relation):
            for other in self.g.objects(node, prop):
                if other in service_slugs:
                    related.add(service_slugs[other])
                else:
                    self.problem(
                        _("relates to %(node)s, which the file does not describe as a public service.")
                        % {"node": _show(other)}
                    )
        life_events: set[str] = set()
        for event in events:
            if event in event_slugs:
                life_events.add(event_slugs[event])
            else:
                self.problem(
                    _("is grouped by %(node)s, which the file does not describe as a life event with an identifier.")
                    % {"node": _show(event)}
                )

        duration_minutes = None
        if (counter_time := self.one(node, LOKET.counterTime, "loket:counterTime")) is not None:
            duration_minutes = counter_minutes(counter_time)
            if duration_minutes is None:
                self.problem(
                    _("loket:counterTime must be a duration of whole minutes such as PT15M, not %(value)s")
                    % {"value": _show(counter_time)}
                )
        last_reviewed = None
        if (reviewed := self.one(node, LOKET.lastReviewed, "loket:lastReviewed")) is not None:
            try:
                last_reviewed = datetime.date.fromisoformat(str(reviewed))
            except ValueError:
                self.problem(
                    _("loket:lastReviewed must be a date (YYYY-MM-DD), not %(value)s") % {"value": _show(reviewed)}
                )
        interval = self.integer(node, LOKET.reviewIntervalDays, "loket:reviewIntervalDays", low=1, high=32767)
        handling = self.integer(node, LOKET.handlingWorkingDays, "loket:handlingWorkingDays", low=1, high=32767)

        if slug is None or len(self.result.problems) > problems_before:
            return None
        return ServiceRecord(
            slug=slug,
            node=str(node),
            organisation=organisation,
            department=department,
            department_organisation=department_organisation,
            status=status,
            texts=texts,
            cost_amount=cost_amount,
            channels=channels,
            related=related,
            life_events=life_events,
            duration_minutes=duration_minutes,
            last_reviewed=last_reviewed,
            review_interval_days=interval,
            handling_days=handling,
        )

    def department(self, node: Node) -> tuple[str | None, str | None]:
        """The owning department: the participant of the participation in the owning-department role."""
        found: list[tuple[str | None, str | None]] = []
        for participation in self.g.objects(node, CV.hasParticipation):
            roles = {self.concept_notation(role) for role in self.g.objects(participation, CV.role)}
            if "owning-department" not in roles:
                continue
            for participant in self.g.objects(participation, CV.hasParticipant):
                slug = self.identifier(participant)
                if slug is None:
                    self.problem(
                        _("its owning department %(node)s has no dct:identifier.") % {"node": _show(participant)}
                    )
                    continue
                parent = self.g.value(participant, ORG.unitOf)
                found.append((slug, self.identifier(parent) if parent is not None else None))
        if len(found) > 1:
            self.problem(_("has %(count)d owning departments; Loket keeps one.") % {"count": len(found)})
        return found[0] if found else (None, None)

    def joined(self, node: Node, prop: URIRef, what: str) -> dict[str, str]:
        """The dct:description of the node(s) behind ``prop``, per language (several: one paragraph each)."""
        out: dict[str, list[str]] = defaultdict(list)
        for target in sorted(self.g.objects(node, prop), key=str):
            for lang, text in self.text(target, DCT.description, f"{what} dct:description").items():
                out[lang].append(text)
        return {lang: "\n\n".join(texts) for lang, texts in out.items()}

    def audience(self, node: Node) -> dict[str, str]:
        """Who it is for: the requirement of type "audience", else every requirement's description."""
        requirements = sorted(self.g.objects(node, CV.holdsRequirement), key=str)
        ours = [r for r in requirements if AUDIENCE_CONCEPT in set(self.g.objects(r, DCT.type))]
        out: dict[str, list[str]] = defaultdict(list)
        for requirement in ours or requirements:
            for lang, text in self.text(requirement, DCT.description, "cv:Requirement dct:description").items():
                out[lang].append(text)
        return {lang: "\n\n".join(texts) for lang, texts in out.items()}

    def documents(self, node: Node) -> dict[str, str]:
        """What to bring: the evidence titles, one a line, in ``loket:order`` (else identifier) order."""

        def position(evidence: Node) -> tuple[int, str]:
            order = self.integer(evidence, LOKET.order, "evidence loket:order", low=0, high=1_000_000)
            return (order if order is not None else 1_000_001, self.label(evidence))

        lines: dict[str, list[str]] = defaultdict(list)
        for evidence in sorted(self.g.objects(node, CPSV.hasInput), key=position):
            titles = self.text(evidence, DCT.title, "cv:Evidence dct:title")
            if not titles:
                self.problem(_("its evidence %(id)s has no dct:title.") % {"id": self.label(evidence)})
            for lang, title in titles.items():
                if "\n" in title.strip():
                    self.problem(
                        _("its evidence %(id)s has a title of several lines; one document a line.")
                        % {"id": self.label(evidence)}
                    )
                lines[lang].append(title.strip())
        return {lang: "\n".join(items) for lang, items in lines.items()}

    def cost(self, node: Node) -> tuple[dict[str, str], Decimal | None]:
        costs = list(self.g.objects(node, CV.hasCost))
        if not costs:
            return {}, None
        if len(costs) > 1:
            self.problem(_("has %(count)d cv:Cost; Loket keeps one cost a service.") % {"count": len(costs)})
            return {}, None
        cost = costs[0]
        description = self.text(cost, DCT.description, "cv:Cost dct:description")
        value = self.one(cost, CV.hasValue, "cv:hasValue")
        if value is None:
            return description, None
        currency = self.g.value(cost, CV.currency)
        if currency is not None and currency != EUR:
            self.problem(_("its cost is in %(currency)s; Loket keeps costs in euro.") % {"currency": _show(currency)})
            return description, None
        try:
            amount = Decimal(str(value)).quantize(Decimal("0.01"))
        except InvalidOperation:
            self.problem(_("its cost value %(value)s is not a number.") % {"value": _show(value)})
            return description, None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1000000"):
            self.problem(
                _("its cost value %(value)s is not an amount between 0 and 999999.99 euro.") % {"value": value}
            )
            return description, None
        return description, amount

    def channels(self, node: Node) -> list[ChannelRecord]:
        out: list[ChannelRecord] = []
        known = {str(kind) for kind in ChannelKind}
        for channel in sorted(self.g.objects(node, CV.hasChannel), key=str):
            label = self.label(channel)
            kinds = [self.concept_notation(t) for t in self.g.objects(channel, DCT.type)]
            if len(kinds) != 1 or kinds[0] not in known:
                self.problem(
                    _("channel %(id)s needs one dct:type from Loket's channel kinds (%(known)s).")
                    % {"id": label, "known": ", ".join(sorted(known))}
                )
                continue
            url = self.one(channel, VCARD.hasURL, "vcard:hasURL")
            phone = self.one(channel, CV.telephone, "cv:telephone")
            out.append(
                ChannelRecord(
                    kind=str(kinds[0]),
                    instructions=self.text(channel, DCT.description, "cv:Channel dct:description"),
                    url=str(url) if url is not None else "",
                    phone=str(phone).strip() if phone is not None else "",
                    order=self.integer(channel, LOKET.order, "channel loket:order", low=0, high=32767),
                )
            )
        for kind, count in Counter(c.kind for c in out).items():
            if count > 1:
                self.problem(
                    _("has %(count)d channels of kind '%(kind)s'; one a kind.") % {"count": count, "kind": kind}
                )
        # Without loket:order, channels keep the order of Loket's channel kinds.
        kind_position = {str(kind): i for i, kind in enumerate(ChannelKind)}
        out.sort(key=lambda c: (c.order if c.order is not None else 0, kind_position[c.kind]))
        return out


def cpsv_read(data: str | bytes) -> CpsvFile:
    """The records of a CPSV-AP JSON-LD document and what is wrong with each; reads no database.

    A file that is not JSON-LD at all gives one problem of record "file".
    """
    try:
        graph = parse_jsonld(data)
    except DomainError as exc:
        return CpsvFile(problems=[RecordProblem("file", "", str(exc.message))])
    return read_graph(graph)


def read_graph(graph: Graph) -> CpsvFile:
    """The records of a CPSV-AP graph and what is wrong with each."""
    return _Reader(graph).read()
