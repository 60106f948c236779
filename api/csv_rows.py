"""CSV rows of the resources that have no list page: assessments, reviews, follow-ups, mechanisms, vocabularies.

The others come from their apps (``recommendation_csv_rows`` in recommendations/csv_rows.py …), so a
page's CSV, the API's and the dump's are the same file.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cycle.models import FollowUp
from partners.models import Organisation
from recommendations.csv_rows import CountryNames
from recommendations.models import Mechanism, Status, StatusAssessment
from recommendations.workbooks import CHUNK_SIZE, translated

ASSESSMENT_CSV_HEADER = (
    _("ID"),
    _("Recommendation ID"),
    _("Status"),
    _("Date"),
    _("Evidence"),
    _("Source link"),
    _("Review state"),
    _("Organisation"),
    _("Recorded"),
    _("Reviewed at"),
)


def assessment_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    statuses = {value: str(label) for value, label in Status.choices}
    states = {value: str(label) for value, label in StatusAssessment.State.choices}
    visible = Organisation.objects.visible_to(user).filter(pk=OuterRef("organisation_id"))
    rows = (
        queryset.order_by("id")
        .annotate(org_name=translated("organisation__name", language), org_visible=Exists(visible))
        .values_list(
            "pk",
            "recommendation_id",
            "status",
            "assessed_on",
            "evidence",
            "source_url",
            "state",
            "org_name",
            "org_visible",
            "created_at",
            "reviewed_at",
        )
    )
    for pk, rec, status, on, evidence, source, state, org, org_visible, created, reviewed in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield (
            pk,
            rec,
            statuses.get(status, status),
            on,
            evidence,
            source,
            states.get(state, state),
            org if org_visible else "",
            created,
            reviewed,
        )


REVIEW_CSV_HEADER = (
    _("ID"),
    _("Mechanism"),
    _("State under review"),
    _("Session"),
    _("Year"),
    _("Document symbol"),
    _("Date"),
    _("Link"),
)


def review_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    country = CountryNames()
    rows = queryset.order_by("id").values_list(
        "pk", "mechanism__code", "state", "session", "year", "document_symbol", "date", "url"
    )
    for pk, mechanism, state, session, year, symbol, date, url in rows.iterator(chunk_size=CHUNK_SIZE):
        yield (pk, mechanism.replace("_", "/"), country(state), session, year, symbol, date, url)


MECHANISM_CSV_HEADER = (_("ID"), _("Code"), _("Name"), _("Kind"))


def mechanism_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    kinds = {value: str(label) for value, label in Mechanism.Kind.choices}
    rows = queryset.order_by("id").annotate(x_name=translated("name", language))
    for pk, code, name, kind in rows.values_list("pk", "code", "x_name", "kind").iterator(chunk_size=CHUNK_SIZE):
        yield (pk, code, name, kinds.get(kind, kind))


VOCABULARY_CSV_HEADER = (_("ID"), _("UHRI name"), _("Name"))


def vocabulary_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    rows = queryset.order_by("id").annotate(x_name=translated("name", language))
    yield from rows.values_list("pk", "key", "x_name").iterator(chunk_size=CHUNK_SIZE)


SDG_CSV_HEADER = (_("ID"), _("Code"), _("Title"))


def sdg_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    rows = queryset.order_by("id").annotate(x_title=translated("title", language))
    yield from rows.values_list("pk", "code", "x_title").iterator(chunk_size=CHUNK_SIZE)


FOLLOW_UP_CSV_HEADER = (
    _("ID"),
    _("Calendar review ID"),
    _("Recommendation ID"),
    _("Paragraph"),
    _("Committee's grade"),
    _("Committee's assessment"),
    _("Assessed on"),
    _("Source link"),
)


def follow_up_csv_rows(queryset, *, user, language: str, base_url: str = ""):
    grades = {value: str(label) for value, label in FollowUp.Grade.choices}
    rows = (
        queryset.order_by("id")
        .annotate(x_assessment=translated("committee_assessment", language))
        .values_list(
            "pk",
            "cycle_id",
            "recommendation_id",
            "recommendation__paragraph",
            "grade",
            "x_assessment",
            "assessed_on",
            "source_url",
        )
    )
    for pk, cycle, rec, paragraph, grade, assessment, on, source in rows.iterator(chunk_size=CHUNK_SIZE):
        yield (pk, cycle, rec, paragraph, grades.get(grade, grade), assessment, on, source)
