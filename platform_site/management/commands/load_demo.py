"""Load the platform's real content (2015–2017) and three demo accounts; running it again changes nothing.

Every record is found by a stable natural key (slug, code, key, review and text, …) and saved only
when a value differs, so a second run writes no rows and adds no history. Demo passwords are set
when an account is created or when a password is given; otherwise existing passwords stay.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from advocacy.models import Event, EventLink, EventParticipant
from cycle.models import CycleReview, Deadline, FollowUpRule, Publication
from cycle.services import follow_up_deadline_sync
from partners.access import Workflow
from partners.models import Membership, Organisation, Partnership
from partners.services import membership_set
from platform_site.management import demo_calendar
from platform_site.management import demo_content as content
from platform_site.management import demo_translations as translations
from recommendations.models import (
    AffectedGroup,
    Mechanism,
    Recommendation,
    Review,
    SdgTarget,
    StatusAssessment,
    Theme,
)
from recommendations.services import assessment_propose, assessment_record
from reports.models import Report, ReportAuthor


def _differs(obj, name, value):
    field = obj._meta.get_field(name)
    current = getattr(obj, name)
    if field.is_relation:
        return current != value
    return field.get_prep_value(current) != field.get_prep_value(value)


class Command(BaseCommand):
    help = "Load the platform's demo content and the accounts coordinator, member and other_member."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the three demo accounts (default: $DEMO_PASSWORD).")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG is off: this looks like production. Add --force to load the demo anyway.")
        self.created = self.updated = 0
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or ""
        with transaction.atomic():
            new_accounts, generated_password = self.load(password)
        self.stdout.write(self.style.SUCCESS(f"Demo content: {self.created} records created, {self.updated} updated."))
        if generated_password:
            self.stdout.write(
                f"Demo accounts {', '.join(new_accounts)} created with the password: {generated_password}"
            )
        elif new_accounts:
            self.stdout.write(f"Demo accounts {', '.join(new_accounts)}: password set from --password/DEMO_PASSWORD.")

    # -- helpers ------------------------------------------------------------------------------------
    def upsert(self, model, lookup, values):
        """Find by the natural key; create, or save only the fields whose value changed."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.created += 1
            return obj
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save()
            self.updated += 1
        return obj

    # -- content ------------------------------------------------------------------------------------
    def load(self, password):
        orgs = self.load_organisations()
        themes = {key: self.upsert(Theme, {"key": key}, {"name_ru": ru, "name_en": key}) for key, ru in content.THEMES}
        groups = {
            key: self.upsert(AffectedGroup, {"key": key}, {"name_ru": ru, "name_en": key}) for key, ru in content.GROUPS
        }
        sdgs = {
            code: self.upsert(SdgTarget, {"code": code}, {"title_en": en, "title_ru": ru})
            for code, en, ru in content.SDG_TARGETS
        }
        mechanisms = {
            code: self.upsert(Mechanism, {"code": code}, {"kind": kind, "name_ru": ru, "name_en": en})
            for code, kind, (ru, en) in content.MECHANISMS
        }
        reviews = {
            ref: self.upsert(
                Review,
                {"mechanism": mechanisms[code], "state": state, "year": year},
                {"document_symbol": symbol, "date": date, "url": url},
            )
            for ref, (code, state, year, symbol, date, url) in content.REVIEWS.items()
        }
        recs = {}
        for ref, review, (ru, en), theme_keys, group_keys, sdg_codes, bodies, *reflected in (
            content.RECOMMENDATIONS + content.ASKS
        ):
            rec = self.upsert(Recommendation, {"review": reviews[review], "text_en": en}, {"text_ru": ru})
            rec.themes.set([themes[k] for k in theme_keys])
            rec.affected_groups.set([groups[k] for k in group_keys])
            rec.sdg_targets.set([sdgs[c] for c in sdg_codes])
            rec.addressed_bodies.set([orgs[s] for s in bodies])
            if reflected:
                rec.reflected_in.set([recs[r] for r in reflected[0]])
            recs[ref] = rec
        reports = self.load_reports(orgs, themes, groups, mechanisms, reviews, recs)
        users, new_accounts, generated_password = self.load_users(orgs, password)
        self.load_assessments(recs, users, orgs)
        self.load_events(orgs, reports, recs, users)
        for slug, partner, kind, since, (ru, en) in content.PARTNERSHIPS:
            self.upsert(
                Partnership,
                {"organisation": orgs[slug], "partner": orgs[partner], "kind": kind},
                {"started_on": since, "description_ru": ru, "description_en": en},
            )
        self.load_calendar(mechanisms, reviews)
        return new_accounts, generated_password

    def load_calendar(self, mechanisms, reviews):
        """The review calendar: rules, reviews and deadlines; computed follow-up dates through the service."""
        for code, months in demo_calendar.FOLLOW_UP_RULES:
            self.upsert(FollowUpRule, {"mechanism": mechanisms[code]}, {"months": months})
        cycles = {}
        for ref, data in demo_calendar.CYCLE_REVIEWS.items():
            cycles[ref] = self.upsert(
                CycleReview,
                {"mechanism": mechanisms[data["mechanism"]], "state": data["state"], "review_on": data["review_on"]},
                {
                    "date_precision": data["precision"],
                    "session_ru": data["session"][0],
                    "session_en": data["session"][1],
                    "starts_on": data["starts_on"],
                    "ends_on": data["ends_on"],
                    "document_symbol": data["symbol"],
                    "review": reviews[data["review"]] if data["review"] else None,
                    "previous_review": reviews[data["previous"]] if data["previous"] else None,
                    "source_url": data["source_url"],
                    "checked_on": demo_calendar.CHECKED_ON,
                    "publication": Publication.PUBLIC,
                    "notes_ru": data["notes"][0],
                    "notes_en": data["notes"][1],
                },
            )
        for ref, kind, due_on, precision, (title_ru, title_en), source_url in demo_calendar.DEADLINES:
            cycle = cycles[ref]
            self.upsert(
                Deadline,
                {"cycle": cycle, "kind": kind, "due_on": due_on},
                {
                    "state": cycle.state,
                    "mechanism": cycle.mechanism,
                    "date_precision": precision,
                    "title_ru": title_ru,
                    "title_en": title_en,
                    "source_url": source_url,
                    "checked_on": demo_calendar.CHECKED_ON,
                    "publication": Publication.PUBLIC,
                },
            )
        for cycle in cycles.values():
            before = cycle.deadlines.filter(is_computed=True).count()
            follow_up_deadline_sync(cycle=cycle)
            self.created += max(cycle.deadlines.filter(is_computed=True).count() - before, 0)

    def load_organisations(self):
        orgs = {}
        for slug, kind, country, city, website, member, names, shorts, descriptions in content.ORGANISATIONS:
            orgs[slug] = self.upsert(
                Organisation,
                {"slug": slug},
                {
                    "kind": kind,
                    "country": country,
                    "city": city,
                    "website": website,
                    "is_platform_member": member,
                    "name_ru": names[0],
                    "name_en": names[1],
                    "short_name_ru": shorts[0],
                    "short_name_en": shorts[1],
                    "description_ru": descriptions[0],
                    "description_en": descriptions[1],
                    **dict(
                        zip(
                            ("name_ky", "short_name_ky", "description_ky"),
                            translations.ORGANISATIONS_KY.get(slug, ("", "", "")),
                            strict=True,
                        )
                    ),
                },
            )
        for slug, country, (name_ru, name_en), (short_ru, short_en) in content.STATE_BODIES:
            orgs[slug] = self.upsert(
                Organisation,
                {"slug": slug},
                {
                    "kind": Organisation.Kind.STATE_BODY,
                    "country": country,
                    "name_ru": name_ru,
                    "name_en": name_en,
                    "short_name_ru": short_ru,
                    "short_name_en": short_en,
                },
            )
        return orgs

    def load_reports(self, orgs, themes, groups, mechanisms, reviews, recs):
        reports = {}
        for data in content.REPORTS:
            report = self.upsert(
                Report,
                {"slug": data["slug"]},
                {
                    "kind": data["kind"],
                    "title_ru": data["title"][0],
                    "title_en": data["title"][1],
                    "summary_ru": data["summary"][0],
                    "summary_en": data["summary"][1],
                    "method_ru": data["method"][0],
                    "method_en": data["method"][1],
                    "title_ky": translations.REPORTS_KY.get(data["slug"], ("", ""))[0],
                    "summary_ky": translations.REPORTS_KY.get(data["slug"], ("", ""))[1],
                    "published_on": data["published_on"],
                    "languages": data["languages"],
                    "external_url": data["external_url"],
                    "countries": data["countries"],
                    "mechanism": mechanisms[data["mechanism"]] if data["mechanism"] else None,
                    "review": reviews[data["review"]] if data["review"] else None,
                    "status": data["status"],
                },
            )
            report.themes.set([themes[k] for k in data["themes"]])
            report.affected_groups.set([groups[k] for k in data["groups"]])
            report.proposed_recommendations.set([recs[r] for r in data["proposes"]])
            for order, (slug, role) in enumerate(data["authors"]):
                self.upsert(
                    ReportAuthor, {"report": report, "organisation": orgs[slug]}, {"role": role, "order": order}
                )
            # The asks of an unpublished report stay hidden from the public (as report_publish would leave them).
            is_public = data["status"] == Workflow.PUBLISHED
            for ask in report.proposed_recommendations.asks().exclude(is_public=is_public):
                self.upsert(Recommendation, {"pk": ask.pk}, {"is_public": is_public})
            reports[data["slug"]] = report
        return reports

    def load_users(self, orgs, password):
        """Create the demo accounts; a given password is (re)set, a generated one only on new accounts."""
        User = get_user_model()
        generated = ""
        users, passwords_set = {}, []
        for username, first, last, slug, role in content.USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.org", first_name=first, last_name=last)
                if not password and not generated:
                    generated = secrets.token_urlsafe(12)
                self.created += 1
            if user.pk is None or password:
                user.set_password(password or generated)
                user.save()
                passwords_set.append(username)
            if not Membership.objects.filter(user=user, organisation=orgs[slug], role=role).exists():
                membership_set(user=user, organisation=orgs[slug], role=role)
                self.created += 1
            users[username] = user
        return users, passwords_set, generated

    def load_assessments(self, recs, users, orgs):
        coordinator, member = users["coordinator"], users["member"]
        bir_duino = orgs["bir-duino-kyrgyzstan"]
        for ref, status, assessed_on, evidence, confirmed in content.ASSESSMENTS:
            rec = recs[ref]
            if StatusAssessment.objects.filter(recommendation=rec, status=status, assessed_on=assessed_on).exists():
                continue
            service = assessment_record if confirmed else assessment_propose
            service(
                recommendation=rec,
                user=coordinator if confirmed else member,
                status=status,
                assessed_on=assessed_on,
                evidence=evidence,
                organisation=bir_duino,
            )
            self.created += 1

    def load_events(self, orgs, reports, recs, users):
        for data in content.EVENTS:
            places = translations.in_three(translations.PLACES, data["place"])
            forums = translations.in_three(translations.FORUMS, data["forum"])
            event = self.upsert(
                Event,
                {"kind": data["kind"], "starts_on": data["starts_on"], "title_en": data["title"][1]},
                {
                    "title_ru": data["title"][0],
                    "ends_on": data.get("ends_on"),
                    **{f"place_{language}": text for language, text in places.items()},
                    "country": data["country"],
                    **{f"forum_{language}": text for language, text in forums.items()},
                    "description_ru": data["description"][0],
                    "description_en": data["description"][1],
                    "outcome_ru": data["outcome"][0],
                    "outcome_en": data["outcome"][1],
                    "visibility": data.get("visibility", Event.Visibility.PUBLIC),
                    "status": Workflow.PUBLISHED,
                    "owner": orgs["bir-duino-kyrgyzstan"],
                    "recorded_by": users["coordinator"],
                },
            )
            event.organisers.set([orgs[s] for s in data["organisers"]])
            event.addressed_bodies.set([orgs[s] for s in data["addressed"]])
            event.reports_presented.set([reports[s] for s in data["reports"]])
            event.recommendations_promoted.set([recs[r] for r in data["recommendations"]])
            for slug, role in data["participants"]:
                roles = translations.in_three(translations.ROLES, role)
                self.upsert(
                    EventParticipant,
                    {"event": event, "organisation": orgs[slug]},
                    {f"role_{language}": text for language, text in roles.items()},
                )
            for url, title in data["links"]:
                self.upsert(EventLink, {"event": event, "url": url}, {"title": title})
