"""CPSV-AP export and import: conformance to the official shapes, round trip, all-or-nothing import."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.utils import translation
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from loket.catalog.cpsv import (
    CPSV,
    CV,
    DCAT,
    DCT,
    CpsvImportError,
    catalog_export_cpsv,
    catalog_graph,
    counter_minutes,
    cpsv_read,
    processing_duration,
)
from loket.catalog.cpsv_services import catalog_import_cpsv
from loket.catalog.models import ChannelKind, LifeEvent, Service, ServiceChannel, ServiceStatus
from loket.core.models import AuditEntry
from loket.organisations.models import Role
from tests.factories import (
    DepartmentFactory,
    LifeEventFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceChannelFactory,
    ServiceFactory,
    staff_member,
)

# rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# (rdflib's closed XSD namespace warns when pytest inspects it as a module attribute.)
XSD_DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")
SHAPES_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "cpsv-ap"
SHAPES_FILE = SHAPES_DIR / "cpsv-ap-SHACL.ttl"


@pytest.fixture(scope="session")
def shapes() -> Graph:
    if not SHAPES_FILE.exists():
        pytest.skip(f"CPSV-AP shapes not found at {SHAPES_DIR}")
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def assert_conforms(data: str, shapes: Graph) -> None:
    from pyshacl import validate

    conforms, _graph, text = validate(
        data_graph=Graph().parse(data=data, format="json-ld"), shacl_graph=shapes, inference="none"
    )
    assert conforms, text


def make_catalogue() -> dict[str, Any]:
    """Two organisations, a department, three life events and services using every mapped field."""
    city = OrganisationFactory(slug="stad-mechelen", name_nl="Stad Mechelen", name_fr="Ville de Malines")
    LocationFactory(organisation=city, city="Mechelen")
    ocmw = OrganisationFactory(slug="ocmw-mechelen", kind="social_house")
    population = DepartmentFactory(organisation=city, slug="bevolking", name_nl="Bevolking", name_fr="Population")
    moving = LifeEventFactory(
        slug="moving",
        title_nl="Ik verhuis",
        title_fr="Je déménage",
        title_en="I am moving",
        description_nl="Alles voor je verhuis.",
        description_en="Everything for your move.",
        order=2,
    )
    baby = LifeEventFactory(slug="baby", title_nl="We krijgen een baby", title_fr="", title_en="We're having a baby")
    LifeEventFactory(slug="unused", title_nl="Ongebruikt", title_fr="Inutilisé", title_en="Unused", order=9)

    identity = ServiceFactory(
        organisation=city,
        department=population,
        slug="identity-card",
        title_nl="Identiteitskaart",
        title_fr="Carte d'identité",
        title_en="Identity card",
        audience_nl="Elke Belg vanaf 12 jaar.",
        audience_fr="Tout Belge dès 12 ans.",
        audience_en="Every Belgian aged 12 or over.",
        procedure_nl="1. Maak een afspraak.\n2. Kom langs.",
        procedure_en="1. Book an appointment.\n2. Come to the counter.",
        documents_nl="Je huidige identiteitskaart\nEen pasfoto",
        documents_fr="Votre carte d'identité actuelle\nUne photo",
        documents_en="Your current identity card\nA photo\nThe convocation letter",
        cost_nl="€ 25,80 voor een gewone kaart.",
        cost_en="€ 25.80 for a normal card.",
        cost_amount=Decimal("25.80"),
        legal_basis_nl="Wet van 19 juli 1991 betreffende de bevolkingsregisters.",
        processing_time_nl="2 tot 3 weken",
        processing_time_en="2 to 3 weeks",
        keywords_nl="eID, identiteitskaart, id-kaart",
        keywords_fr="carte d'identité, eID",
        keywords_en="identity card, ID",
        duration_minutes=15,
        last_reviewed=datetime.date(2026, 9, 1),
        review_interval_days=180,
    )
    identity.life_events.add(moving)
    ServiceChannelFactory(
        service=identity,
        kind=ChannelKind.APPOINTMENT,
        instructions_nl="Maak online een afspraak.",
        instructions_en="Book online.",
        order=1,
    )
    ServiceChannelFactory(
        service=identity,
        kind=ChannelKind.ONLINE,
        url="https://www.mechelen.be/afspraak",
        instructions_nl="Via het e-loket.",
        order=0,
    )
    address = ServiceFactory(
        organisation=city,
        slug="change-of-address",
        title_nl="Adreswijziging",
        title_fr="Changement d'adresse",
        title_en="Change of address",
        summary_nl="",
        summary_fr="",
        summary_en="",  # no summary at all: dct:description falls back on the title
        cost_amount=Decimal("0.00"),
        processing_time_en="immediately",
    )
    address.life_events.add(moving, baby)
    ServiceChannelFactory(service=address, kind=ChannelKind.PHONE, phone="015 29 76 54", instructions_en="Call us.")
    ServiceChannelFactory(service=address, kind=ChannelKind.HOME_VISIT, order=2)
    # 90 minutes: rdflib writes the duration as PT1H30M, which must read back as 90.
    income = ServiceFactory(
        organisation=ocmw, slug="social-integration-income", title_fr="", title_en="", duration_minutes=90
    )
    ServiceChannelFactory(service=income, kind=ChannelKind.QUICK_COUNTER)
    ServiceChannelFactory(service=income, kind=ChannelKind.POST, order=3)
    draft = ServiceFactory(organisation=city, slug="secret-draft", status=ServiceStatus.DRAFT)
    identity.related.add(address, draft)
    income.related.add(address)
    return {"city": city, "ocmw": ocmw, "identity": identity, "address": address, "draft": draft}


def _text_or_empty(model_field: models.Field, value: Any) -> Any:
    # modeltranslation stores a missing translation as NULL or as "": both mean "no text".
    if value is None and isinstance(model_field, models.CharField | models.TextField):
        return ""
    return value


def catalogue_rows() -> dict[str, Any]:
    """The published services (with channels, relations, life events) and life events, keyed by slug."""
    services = {}
    for service in Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("slug"):
        row = {
            f.attname: _text_or_empty(f, getattr(service, f.attname))
            for f in Service._meta.concrete_fields
            # The editor is a person, not part of a public catalogue; updated_at is the import's time.
            if f.attname not in ("id", "updated_at", "editor_id")
        }
        row["channels"] = [
            {f.attname: _text_or_empty(f, getattr(c, f.attname)) for f in ServiceChannel._meta.concrete_fields}
            | {"id": None, "service_id": None}
            for c in service.channels.order_by("kind")
        ]
        row["related"] = sorted(service.related.filter(status=ServiceStatus.PUBLISHED).values_list("slug", flat=True))
        row["life_events"] = sorted(service.life_events.values_list("slug", flat=True))
        services[service.slug] = row
    life_events = {
        e.slug: {f.attname: _text_or_empty(f, getattr(e, f.attname)) for f in LifeEvent._meta.concrete_fields}
        | {"id": None}
        for e in LifeEvent.objects.all()
    }
    return {"services": services, "life_events": life_events}


def wipe_catalogue() -> None:
    from loket.queueing.models import Ticket

    Ticket.objects.all().delete()  # a service with queue tickets is protected: their counts are statistics
    Service.objects.all().delete()
    LifeEvent.objects.all().delete()


# --- Export -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_of_the_catalogue_conforms_to_the_cpsv_ap_shapes(shapes: Graph) -> None:
    make_catalogue()
    assert_conforms(catalog_export_cpsv(), shapes)


@pytest.mark.django_db
def test_drafts_and_relations_to_drafts_are_not_exported() -> None:
    make_catalogue()
    graph = catalog_graph(base_uri="https://loket.test/")
    identifiers = {str(graph.value(s, DCT.identifier)) for s in graph.subjects(RDF.type, CPSV.PublicService)}
    assert identifiers == {"identity-card", "change-of-address", "social-integration-income"}
    assert "secret-draft" not in catalog_export_cpsv()
    identity = URIRef("https://loket.test/id/service/identity-card")
    assert set(graph.objects(identity, CV.relatedService)) == {
        URIRef("https://loket.test/id/service/change-of-address")
    }


@pytest.mark.django_db
def test_export_maps_texts_keywords_cost_channels_and_documents() -> None:
    make_catalogue()
    graph = catalog_graph(base_uri="https://loket.test/")
    identity = URIRef("https://loket.test/id/service/identity-card")
    assert set(graph.objects(identity, DCT.title)) == {
        Literal("Identiteitskaart", lang="nl"),
        Literal("Carte d'identité", lang="fr"),
        Literal("Identity card", lang="en"),
    }
    assert Literal("id-kaart", lang="nl") in set(graph.objects(identity, DCAT.keyword))
    cost = graph.value(identity, CV.hasCost)
    assert float(graph.value(cost, CV.hasValue)) == 25.80
    assert str(graph.value(identity, CV.processingTime)) == "P21D"
    channel_types = {str(graph.value(c, DCT.type)).rsplit("/", 1)[-1] for c in graph.objects(identity, CV.hasChannel)}
    assert channel_types == {"appointment", "online"}
    # Line n of "what to bring" is one Evidence in every language that has that line.
    assert len(list(graph.objects(identity, CPSV.hasInput))) == 3
    photo = URIRef("https://loket.test/id/service/identity-card/evidence/2")
    assert set(graph.objects(photo, DCT.title)) == {
        Literal("Een pasfoto", lang="nl"),
        Literal("Une photo", lang="fr"),
        Literal("A photo", lang="en"),
    }
    assert graph.value(identity, CV.hasCompetentAuthority) == URIRef("https://loket.test/id/organisation/stad-mechelen")
    assert set(graph.objects(identity, CV.isGroupedBy)) == {URIRef("https://loket.test/id/life-event/moving")}


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_the_number_of_services(django_assert_max_num_queries: Any) -> None:
    catalogue = make_catalogue()
    catalog_export_cpsv()  # warm up: content types and the like
    with django_assert_max_num_queries(12) as small:
        catalog_export_cpsv()
    for n in range(20):
        service = ServiceFactory(organisation=catalogue["city"], slug=f"extra-{n}", department=None)
        ServiceChannelFactory(service=service, kind=ChannelKind.ONLINE, url="https://example.be/")
        service.related.add(catalogue["identity"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        catalog_export_cpsv()


def test_counter_time_is_read_by_value_whatever_its_lexical_form() -> None:
    assert counter_minutes(Literal("PT1H30M", datatype=XSD_DURATION)) == 90
    assert counter_minutes(Literal("PT90M")) == 90
    assert counter_minutes(Literal("P1M", datatype=XSD_DURATION)) is None  # a month is not a counter time
    assert counter_minutes(Literal("PT30S", datatype=XSD_DURATION)) is None
    assert counter_minutes(Literal("soon")) is None


def test_processing_time_text_gives_the_longest_duration_it_names() -> None:
    assert processing_duration({"en": "2 to 3 weeks"}) == "P21D"
    assert processing_duration({"nl": "binnen 5 werkdagen, soms 2 maanden"}) == "P2M"
    assert processing_duration({"fr": "immédiatement"}) == "P0D"
    assert processing_duration({"en": "it depends"}) is None


# --- Round trip ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_round_trip_gives_an_isomorphic_graph_and_equal_rows() -> None:
    make_catalogue()
    rows_before = catalogue_rows()
    first = catalog_export_cpsv()

    wipe_catalogue()
    report = catalog_import_cpsv(data=first, actor="system")

    assert sorted(report.services_created) == ["change-of-address", "identity-card", "social-integration-income"]
    assert catalogue_rows() == rows_before
    second = catalog_export_cpsv()
    assert isomorphic(Graph().parse(data=first, format="json-ld"), Graph().parse(data=second, format="json-ld"))


@pytest.mark.django_db
def test_import_reads_any_json_ld_serialisation_of_the_same_graph() -> None:
    make_catalogue()
    rows_before = catalogue_rows()
    first = catalog_export_cpsv()
    expanded = Graph().parse(data=first, format="json-ld").serialize(format="json-ld")  # no context, expanded

    wipe_catalogue()
    catalog_import_cpsv(data=expanded, actor="system")

    assert catalogue_rows() == rows_before


@pytest.mark.django_db
def test_importing_its_own_export_changes_nothing_and_audits_nothing() -> None:
    make_catalogue()
    rows_before = catalogue_rows()
    data = catalog_export_cpsv()
    audit_count = AuditEntry.objects.count()

    report = catalog_import_cpsv(data=data, actor="system")

    assert report.services_created == report.services_updated == []
    assert len(report.services_unchanged) == 3
    assert len(report.life_events_unchanged) == 3
    assert AuditEntry.objects.count() == audit_count
    assert catalogue_rows() == rows_before


@pytest.mark.django_db
def test_import_keeps_links_to_what_the_file_does_not_describe() -> None:
    catalogue = make_catalogue()
    document = json.loads(catalog_export_cpsv())
    # A partial file: only the identity card, without its related service or its life event.
    identity = _nodes(document, "identity-card")
    for key in ("relatedService", "relation", "isGroupedBy"):
        identity.pop(key, None)
    keep = {"identity-card", "stad-mechelen", "bevolking"}
    document["@graph"] = [n for n in document["@graph"] if n.get("identifier", "identity-card/").split("/")[0] in keep]

    catalog_import_cpsv(data=json.dumps(document), actor="system")

    identity_card = catalogue["identity"]
    assert set(identity_card.related.values_list("slug", flat=True)) == {"change-of-address", "secret-draft"}
    assert set(identity_card.life_events.values_list("slug", flat=True)) == {"moving"}


@pytest.mark.django_db
def test_import_updates_a_changed_service_and_audits_old_and_new() -> None:
    catalogue = make_catalogue()
    data = catalog_export_cpsv()
    Service.objects.filter(pk=catalogue["identity"].pk).update(title_en="Old title", duration_minutes=40)
    ServiceChannel.objects.filter(service=catalogue["identity"], kind=ChannelKind.ONLINE).delete()

    report = catalog_import_cpsv(data=data, actor="system")

    assert report.services_updated == ["identity-card"]
    entry = AuditEntry.objects.get(action="service.import_update")
    assert entry.actor_label == "system"
    assert entry.changes["title_en"] == ["Old title", "Identity card"]
    assert entry.changes["duration_minutes"] == [40, 15]
    assert "channels" in entry.changes
    assert catalogue["identity"].channels.filter(kind=ChannelKind.ONLINE).exists()


@pytest.mark.django_db
def test_a_minimal_file_from_another_catalogue_imports_as_a_draft_with_loket_defaults() -> None:
    OrganisationFactory(slug="gemeente-bonheiden")
    minimal = {
        "@context": {"dct": "http://purl.org/dc/terms/", "cv": "http://data.europa.eu/m8g/"},
        "@graph": [
            {
                "@id": "https://example.org/ps/1",
                "@type": "http://purl.org/vocab/cpsv#PublicService",
                "dct:identifier": "parking-card",
                "dct:title": [
                    {"@value": "Bewonerskaart", "@language": "nl-BE"},
                    {"@value": "Anwohner", "@language": "de"},
                ],
                "dct:description": {"@value": "Parkeren in je eigen straat.", "@language": "nl"},
                "cv:hasCompetentAuthority": {"@id": "https://example.org/org/1"},
            },
            {"@id": "https://example.org/org/1", "dct:identifier": "gemeente-bonheiden"},
        ],
    }

    report = catalog_import_cpsv(data=json.dumps(minimal), actor="system")

    service = Service.objects.get(slug="parking-card")
    assert (service.status, service.title_nl, service.duration_minutes) == (ServiceStatus.DRAFT, "Bewonerskaart", 10)
    assert [str(w) for w in report.warnings] == ["service parking-card: dct:title in language 'de' skipped."]


# --- Bad input ----------------------------------------------------------------------------------


def _nodes(document: dict[str, Any], identifier: str) -> dict[str, Any]:
    return next(n for n in document["@graph"] if n.get("identifier") == identifier)


@pytest.mark.django_db
def test_one_bad_record_among_good_ones_imports_nothing_and_names_it() -> None:
    make_catalogue()
    document = json.loads(catalog_export_cpsv())
    _nodes(document, "change-of-address")["hasCompetentAuthority"] = "https://loket.test/id/organisation/ghost"
    document["@graph"].append(
        {"@id": "https://loket.test/id/organisation/ghost", "@type": "PublicOrganisation", "identifier": "ghost"}
    )
    wipe_catalogue()
    audit_count = AuditEntry.objects.count()

    with pytest.raises(CpsvImportError) as caught:
        catalog_import_cpsv(data=json.dumps(document), actor="system")

    assert [(p.record, p.identifier) for p in caught.value.problems] == [("service", "change-of-address")]
    assert "'ghost' is not an organisation in Loket" in str(caught.value.problems[0])
    assert not Service.objects.exists()
    assert not LifeEvent.objects.exists()
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.django_db
def test_every_bad_record_is_reported_with_its_identifier_and_problem() -> None:
    make_catalogue()
    document = json.loads(catalog_export_cpsv())
    _nodes(document, "identity-card")["title"] = {}
    _nodes(document, "social-integration-income")["identifier"] = "not a slug!"
    _nodes(document, "change-of-address/cost")["hasValue"] = "lots"
    _nodes(document, "moving")["order"] = -4
    wipe_catalogue()

    with pytest.raises(CpsvImportError) as caught:
        catalog_import_cpsv(data=json.dumps(document), actor="system")

    problems = {(p.identifier, p.message) for p in caught.value.problems}
    assert ("identity-card", "has no dct:title in Dutch, French or English.") in problems
    assert any(i == "change-of-address" and "is not a number" in m for i, m in problems)
    assert any("'not a slug!' is not a slug" in m for _i, m in problems)
    assert any(i == "moving" and "loket:order must be between" in m for i, m in problems)
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_a_value_too_long_for_its_field_is_reported_by_the_model_rules() -> None:
    make_catalogue()
    document = json.loads(catalog_export_cpsv())
    _nodes(document, "identity-card")["title"]["fr"] = "x" * 201
    _nodes(document, "change-of-address/channel/phone")["telephone"] = "0" * 41

    with pytest.raises(CpsvImportError) as caught:
        catalog_import_cpsv(data=json.dumps(document), actor="system")

    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("service identity-card: title_fr:") for m in messages), messages
    assert any(m.startswith("service change-of-address: channel 'phone': phone:") for m in messages), messages


@pytest.mark.django_db
def test_a_remote_json_ld_context_is_refused_not_fetched() -> None:
    data = json.dumps({"@context": "https://example.org/context.jsonld", "@id": "https://x.test/a"})
    with pytest.raises(CpsvImportError) as caught:
        catalog_import_cpsv(data=data, actor="system")
    assert "remote JSON-LD context" in str(caught.value.problems[0])


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_one_clear_problem() -> None:
    problems = cpsv_read(b"<html>not json</html>").problems
    assert len(problems) == 1
    assert problems[0].record == "file"
    assert "not JSON" in problems[0].message


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing() -> None:
    make_catalogue()
    data = catalog_export_cpsv()
    wipe_catalogue()

    report = catalog_import_cpsv(data=data, actor="system", dry_run=True)

    assert len(report.services_created) == 3
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_an_editor_of_one_organisation_cannot_import_services_of_another() -> None:
    catalogue = make_catalogue()
    data = catalog_export_cpsv()
    editor = staff_member(catalogue["city"], Role.CATALOGUE_EDITOR)

    with pytest.raises(CpsvImportError) as caught:
        catalog_import_cpsv(data=data, actor=editor)

    assert {p.identifier for p in caught.value.problems} == {"social-integration-income"}
    assert "not a catalogue editor of organisation 'ocmw-mechelen'" in caught.value.problems[0].message


# --- Command line -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_exports_and_imports_the_catalogue(tmp_path: Path, shapes: Graph) -> None:
    make_catalogue()
    rows_before = catalogue_rows()
    path = tmp_path / "catalogue.jsonld"

    call_command("catalog", "export", "--format", "cpsv-ap", "--output", str(path), stderr=io.StringIO())
    assert_conforms(path.read_text(encoding="utf-8"), shapes)
    wipe_catalogue()
    out = io.StringIO()
    call_command("catalog", "import", str(path), stdout=out, stderr=io.StringIO())

    assert "Services: 3 created" in out.getvalue()
    assert catalogue_rows() == rows_before


@pytest.mark.django_db
def test_command_import_of_a_bad_file_exits_non_zero_lists_the_record_and_writes_nothing(tmp_path: Path) -> None:
    make_catalogue()
    document = json.loads(catalog_export_cpsv())
    channel = _nodes(document, "identity-card/channel/online")
    channel["type"] = "https://loket.test/concept/carrier-pigeon"
    path = tmp_path / "bad.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    wipe_catalogue()
    err = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("catalog", "import", str(path), "--no-progress", stderr=err)

    assert caught.value.returncode == 1
    assert "service identity-card: channel identity-card/channel/online needs one dct:type" in err.getvalue()
    assert not Service.objects.exists()


# --- The demo catalogue -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_catalogue_exports_conforming_cpsv_ap_and_round_trips(shapes: Graph) -> None:
    from loket.demo import load_demo

    load_demo()
    if not Service.objects.filter(status=ServiceStatus.PUBLISHED).exists():
        pytest.skip("demo catalogue not loaded")
    rows_before = catalogue_rows()
    first = catalog_export_cpsv()
    assert_conforms(first, shapes)

    wipe_catalogue()
    catalog_import_cpsv(data=first, actor="system")

    assert catalogue_rows() == rows_before
    assert isomorphic(
        Graph().parse(data=first, format="json-ld"), Graph().parse(data=catalog_export_cpsv(), format="json-ld")
    )
