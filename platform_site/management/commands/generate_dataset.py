"""Fill the database with realistic synthetic data in proportion to a number of recommendations.

``generate_dataset --recommendations N [--seed S] [--no-analyze]`` makes ~N/40 reviews, ~N/500 organisations (state
bodies included), ~N/200 reports with authors and proposed recommendations, ~N/100 events with their
links, and ~1.5 status assessments per recommendation; each recommendation's stored status is its
latest confirmed assessment's, as ``recommendation_refresh_status`` would set it. The same seed on
an empty database gives the same data. Rows go in with ``bulk_create`` (through tables included)
and write no history: this is benchmark data, not anybody's edits. The filled tables are then analysed
(planner statistics), unless ``--no-analyze`` asks to reproduce a load whose statistics are not yet gathered.
"""

import datetime
import random
import time
from collections import defaultdict

from django.apps import apps as django_apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import translation
from django_countries import countries

from advocacy.models import Event, EventParticipant
from partners.access import Workflow
from partners.models import Organisation
from platform_site.management.demo_content import MECHANISMS
from recommendations.models import AffectedGroup, Mechanism, Recommendation, Review, SdgTarget, Status, Theme
from recommendations.models import StatusAssessment as Assessment
from reports.models import Report, ReportAuthor

# Apps whose tables the command fills (many-to-many tables included); see analyze_tables.
FILLED_APPS = ("partners", "recommendations", "reports", "advocacy")
PREFIX = "gen-"  # slug prefix of generated organisations and reports
LAST_DAY = datetime.date(2025, 12, 31)  # fixed, not today: the same seed must give the same data


# The vocabularies and phrase parts, English|Russian, rows separated by ";", wrapped freely.
DATA = """
[themes]
Labour rights and right to work|Трудовые права и право на труд; Trade union rights|Профсоюзные права; Human
trafficking|Торговля людьми; Equality & non-discrimination|Равенство и недискриминация; Right to education|Право на
образование; Right to social security|Право на социальное обеспечение; Access to justice & remedy|Доступ к правосудию
и средствам защиты; Corruption|Коррупция; Civil society|Гражданское общество; Legal & institutional reform|Правовая и
институциональная реформа; Acceptance of international norms|Принятие международных норм; Right to health|Право на
здоровье; Birth registration & right to a name and nationality|Регистрация рождения и право на гражданство;
Statelessness|Безгражданство; Asylum-seekers & refugees|Просители убежища и беженцы; Freedom of movement|Свобода
передвижения; Freedom of association|Свобода ассоциации; Freedom of expression|Свобода выражения мнений; Right to
privacy|Право на неприкосновенность частной жизни; Torture and other cruel, inhuman or degrading treatment|Пытки и
другие жестокие виды обращения; Liberty and security of the person|Свобода и личная неприкосновенность; Conditions of
detention|Условия содержания под стражей; Administration of justice & fair trial|Отправление правосудия и справедливый
суд; Gender-based violence|Гендерное насилие; Domestic violence|Домашнее насилие; Child labour|Детский труд; Forced
labour|Принудительный труд; Slavery & slavery-like practices|Рабство и сходная с рабством практика; Right to adequate
housing|Право на жилище; Right to an adequate standard of living|Право на достаточный жизненный уровень; Right to
food|Право на питание; Right to water and sanitation|Право на воду и санитарию; Poverty|Бедность; Racial
discrimination|Расовая дискриминация; Hate speech|Язык вражды; Minorities|Меньшинства; Indigenous peoples|Коренные
народы; Persons with disabilities: definition, general principles|Лица с инвалидностью: общие принципы; National human
rights institutions|Национальные правозащитные учреждения; National human rights action plans|Национальные планы
действий в области прав человека; Cooperation with treaty bodies|Сотрудничество с договорными органами; Cooperation
with special procedures|Сотрудничество со специальными процедурами; Follow-up to treaty bodies|Выполнение рекомендаций
договорных органов; Human rights education and training|Образование в области прав человека; Data collection and
statistics|Сбор данных и статистика; Budget and resources|Бюджет и ресурсы; Business & human rights|Бизнес и права
человека; Women's rights|Права женщин; Children's rights|Права ребёнка; Family rights|Права семьи; Juvenile
justice|Ювенальная юстиция; Expulsion and deportation|Высылка и депортация; Consular assistance|Консульская помощь;
Remittances|Денежные переводы; Return and reintegration|Возвращение и реинтеграция; Pre-departure
training|Предвыездная подготовка; Recruitment agencies|Агентства по найму; Working conditions|Условия труда;
Occupational safety and health|Охрана труда; Wages|Заработная плата; Domestic workers|Домашние работники; Health
insurance|Медицинское страхование; Pensions|Пенсии
[groups]
Migrants|Мигранты; Women & girls|Женщины и девочки; Children|Дети; Human rights defenders|Правозащитники; Victims of
trafficking|Жертвы торговли людьми; Members of families of migrant workers|Члены семей трудящихся-мигрантов; Stateless
persons|Лица без гражданства; Refugees & asylum-seekers|Беженцы и просители убежища; Persons with disabilities|Лица с
инвалидностью; Minorities|Меньшинства; Rural women|Сельские женщины; Domestic workers|Домашние работники; Persons
deprived of their liberty|Лица, лишённые свободы; Journalists|Журналисты; Youth|Молодёжь; Older persons|Пожилые люди;
Persons living in poverty|Люди, живущие в бедности; Internally displaced persons|Внутренне перемещённые лица; Lesbian,
gay, bisexual, transgender and intersex persons|ЛГБТИ-люди; Persons living with HIV/AIDS|Люди, живущие с ВИЧ/СПИДом;
Roma|Рома; Indigenous peoples|Коренные народы; Undocumented migrants|Мигранты без документов; Returning
migrants|Вернувшиеся мигранты; Children left behind|Дети, оставшиеся без родителей-мигрантов
[sdg_targets]
1.3|Implement social protection systems|Внедрить системы социальной защиты; 1.4|Equal rights to economic
resources|Равные права на экономические ресурсы; 1.1|Eradicate extreme poverty|Искоренить крайнюю нищету; 2.1|End
hunger|Покончить с голодом; 3.8|Universal health coverage|Всеобщий охват услугами здравоохранения; 3.7|Sexual and
reproductive health services|Услуги в области сексуального и репродуктивного здоровья; 4.1|Free primary and secondary
education|Бесплатное начальное и среднее образование; 4.5|Equal access to education|Равный доступ к образованию;
4.7|Education for human rights|Образование в интересах прав человека; 5.1|End discrimination against women and
girls|Покончить с дискриминацией женщин и девочек; 5.2|Eliminate violence against women and girls|Ликвидировать
насилие в отношении женщин и девочек; 5.3|Eliminate harmful practices|Ликвидировать вредную практику; 5.4|Value unpaid
care and domestic work|Признавать неоплачиваемый труд по уходу; 5.5|Women's participation in leadership|Участие женщин
в руководстве; 5.c|Policies for gender equality|Политика гендерного равенства; 8.3|Decent job creation|Создание
достойных рабочих мест; 8.5|Full employment and equal pay|Полная занятость и равная оплата; 8.7|End forced labour and
human trafficking|Искоренить принудительный труд и торговлю людьми; 8.8|Protect labour rights|Защищать трудовые права;
10.2|Social, economic and political inclusion|Социальная, экономическая и политическая интеграция; 10.3|Equal
opportunity and non-discrimination|Равные возможности и недискриминация; 10.4|Fiscal, wage and social protection
policies|Бюджетная, зарплатная и социальная политика; 10.7|Facilitate orderly, safe, regular and responsible
migration|Упорядоченная, безопасная и законная миграция; 10.c|Reduce remittance costs|Снизить стоимость денежных
переводов; 11.1|Adequate and affordable housing|Доступное жильё; 16.1|Reduce violence everywhere|Сократить
распространённость насилия; 16.2|End abuse, exploitation and trafficking of children|Покончить с эксплуатацией и
торговлей детьми; 16.3|Promote the rule of law|Содействовать верховенству права; 16.5|Reduce corruption and
bribery|Сократить коррупцию и взяточничество; 16.6|Effective, accountable institutions|Эффективные и подотчётные
учреждения; 16.7|Inclusive decision-making|Инклюзивное принятие решений; 16.9|Legal identity for all, including birth
registration|Удостоверение личности для всех, включая регистрацию рождений; 16.10|Public access to information and
fundamental freedoms|Доступ к информации и основные свободы; 16.a|Strengthen national institutions|Укрепить
национальные учреждения; 16.b|Non-discriminatory laws and policies|Недискриминационные законы и политика;
17.17|Effective partnerships|Эффективные партнёрства; 17.18|Data availability|Доступность данных; 3.3|End
epidemics|Покончить с эпидемиями; 6.1|Safe drinking water|Безопасная питьевая вода; 13.1|Resilience to climate
hazards|Устойчивость к климатическим рискам
[cities]
Bishkek|Бишкек|KG; Osh|Ош|KG; Almaty|Алматы|KZ; Astana|Астана|KZ; Shymkent|Шымкент|KZ; Tashkent|Ташкент|UZ;
Dushanbe|Душанбе|TJ; Moscow|Москва|RU; St Petersburg|Санкт-Петербург|RU; Geneva|Женева|CH; Warsaw|Варшава|PL;
Vienna|Вена|AT; Brussels|Брюссель|BE
[symbols]
CMW|CMW/C; CESCR|E/C.12; CEDAW|CEDAW/C; CRC|CRC/C; CERD|CERD/C; CCPR|CCPR/C; CAT|CAT/C
[mechanism_weights]
UPR|30; CMW|12; CESCR|10; CEDAW|10; CRC|10; CERD|6; CCPR|8; CAT|6; SP|3; OSCE_ODIHR|3; PLATFORM|5
[verbs]
Ensure|Обеспечить; Strengthen|Усилить; Guarantee|Гарантировать; Improve|Улучшить; Expand|Расширить; Review and
improve|Пересмотреть и улучшить; Take effective measures to ensure|Принять действенные меры, чтобы обеспечить;
Allocate resources to ensure|Выделить ресурсы, чтобы обеспечить
[objects]
access to justice|доступ к правосудию; protection against discrimination|защиту от дискриминации; birth
registration|регистрацию рождений; access to education|доступ к образованию; labour inspection|трудовую инспекцию;
consular assistance|консульскую помощь; social protection|социальную защиту; access to health care|доступ к
медицинской помощи; the investigation of trafficking cases|расследование случаев торговли людьми; access to
information on rights|доступ к информации о правах; legal aid|юридическую помощь; the payment of wages owed|выплату
задолженности по зарплате; safe return and reintegration|безопасное возвращение и реинтеграцию; access to identity
documents|доступ к документам, удостоверяющим личность; shelters for victims of violence|приюты для пострадавших от
насилия
[beneficiaries]
migrant workers|трудящихся-мигрантов; women migrant workers|женщин-мигранток; children of migrant workers|детей
трудящихся-мигрантов; stateless persons|лиц без гражданства; victims of trafficking|жертв торговли людьми; members of
migrants' families|членов семей мигрантов; returning migrants|вернувшихся мигрантов; undocumented migrants|мигрантов
без документов; domestic workers|домашних работников; persons with disabilities|лиц с инвалидностью
[qualifiers]
, in line with the Convention|, в соответствии с Конвенцией; , including in rural areas|, в том числе в сельских
районах; , with adequate funding|, выделив достаточное финансирование; , and report on progress in the next periodic
report|, и сообщить о ходе работы в следующем периодическом докладе; , in cooperation with civil society|, во
взаимодействии с гражданским обществом
[org_kinds]
Public Foundation|Общественный фонд; Human Rights Centre|Правозащитный центр; Association|Ассоциация; Legal
Clinic|Юридическая клиника; Crisis Centre|Кризисный центр; Network|Сеть; Trade Union|Профсоюз
[org_names]
Adilet; Ak-Jol; Umut; Nur; Tendesh; Bakyt; Sanjyra; Kelechek; Ayalzat; Jashtyk; Mekenim; Insan; Zhardem; Yntymak;
Ravnopravie; Sodeistvie; Nadezhda; Vzaimopomoshch; Dialog; Most
[ministries]
Ministry of Labour|Министерство труда; Ministry of Foreign Affairs|Министерство иностранных дел; Ministry of Internal
Affairs|Министерство внутренних дел; Ministry of Justice|Министерство юстиции; Migration Service|Миграционная служба;
Parliament|Парламент; Ombudsman|Омбудсмен; Ministry of Education|Министерство образования; Ministry of
Health|Министерство здравоохранения; Prosecutor General's Office|Генеральная прокуратура
[topics]
Labour rights of migrant workers|Трудовые права мигрантов; Women and children in migration|Женщины и дети в миграции;
Trafficking and forced labour|Торговля людьми и принудительный труд; Access to justice for migrants|Доступ мигрантов к
правосудию; Social rights of migrants' families|Социальные права семей мигрантов; Statelessness|Безгражданство;
Discrimination against migrants|Дискриминация мигрантов; Return and reintegration|Возвращение и реинтеграция
[states]
KG; KZ; UZ; TJ; TM; RU; AF; AZ; AM; GE; BY; UA; MD; MN; TR; IR; PK; IN; BD; NP; LK; PH; ID; TH; VN; CN; KR; DE; FR;
GB; IT; ES; PL; CZ; US; CA; MX; BR; AR; CO; EG; MA; NG; KE; ZA
"""


def _tables(text):
    """'[name] a|b; c|d …' → {"name": [("a", "b"), ("c", "d"), …]}"""
    tables = {}
    for block in text.split("[")[1:]:
        name, body = block.split("]", 1)
        rows = " ".join(body.split()).split(";")
        tables[name] = [tuple(cell.strip() for cell in row.split("|")) for row in rows if row.strip()]
    return tables


T = _tables(DATA)
THEME_PAIRS, GROUP_PAIRS, SDG_TRIPLES, CITIES = T["themes"], T["groups"], T["sdg_targets"], T["cities"]
SYMBOLS, MECHANISM_WEIGHTS = dict(T["symbols"]), {code: int(weight) for code, weight in T["mechanism_weights"]}
VERBS, OBJECTS, BENEFICIARIES, QUALIFIERS = T["verbs"], T["objects"], T["beneficiaries"], [("", "")] + T["qualifiers"]
ORG_KINDS, MINISTRIES, TOPICS = T["org_kinds"], T["ministries"], T["topics"]
ORG_NAMES, STATES = [name for (name,) in T["org_names"]], [code for (code,) in T["states"]]
ROLES = ["speaker", "co-organiser", "participant", "moderator", "observer"]
STATUS_CHOICES = [s for s in Status.values if s != Status.NOT_ASSESSED]


def _ids(model, field, values):
    return list(model.objects.filter(**{f"{field}__in": values}).order_by(field).values_list("pk", flat=True))


def analyze_tables(app_labels) -> None:
    """Gather the planner's statistics of the apps' tables, as a bulk load must.

    Without them (autovacuum off, or not yet run after the load) PostgreSQL guesses every row count, and
    a guess can turn a plan quadratic; a fresh 200,000-row dataset once made site search take seconds.
    """
    tables = [
        model._meta.db_table
        for label in app_labels
        for model in django_apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(quote(table) for table in tables))
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {quote(table)}")


class Command(BaseCommand):
    help = "Generate realistic synthetic data in proportion to --recommendations N (seeded, repeatable)."

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--no-analyze",
            dest="analyze",
            action="store_false",
            help="Leave the filled tables without planner statistics (to reproduce a fresh bulk load).",
        )

    def handle(self, *args, **options):
        n, self.batch = options["recommendations"], options["batch_size"]
        if n < 1:
            raise CommandError("--recommendations must be at least 1.")
        if Organisation.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError("The database already holds a generated dataset; flush it first.")
        self.rng = random.Random(options["seed"])
        steps = [
            (self.vocabularies,),
            (self.organisations, max(4, round(n / 500))),
            (self.reviews, n),
            (self.recommendations, n),
            (self.reports, max(1, round(n / 200))),
            (self.events, max(1, round(n / 100))),
        ]
        with transaction.atomic(), translation.override("en"):
            for step, *arguments in steps:
                started = time.monotonic()
                step(*arguments)
                if options["verbosity"] > 1:
                    self.stdout.write(f"{step.__name__}: {time.monotonic() - started:.1f} s")
            started = time.monotonic()
        if options["verbosity"] > 1:
            self.stdout.write(f"commit: {time.monotonic() - started:.1f} s")
        if options["analyze"]:
            started = time.monotonic()
            analyze_tables(FILLED_APPS)
            if options["verbosity"] > 1:
                self.stdout.write(f"analyze: {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Generated {n} recommendations (seed {options['seed']})."))

    def bulk(self, model, rows):
        return model.objects.bulk_create(rows, batch_size=self.batch)

    def link(self, model, name, pairs):
        """Insert (source id, target id) pairs into a many-to-many field's table: multi-row INSERTs, no objects."""
        field = model._meta.get_field(name)
        table, qn = field.remote_field.through._meta.db_table, connection.ops.quote_name
        head = f"INSERT INTO {qn(table)} ({qn(field.m2m_column_name())}, {qn(field.m2m_reverse_name())}) VALUES "
        with connection.cursor() as cursor:
            for start in range(0, len(pairs), 1000):
                chunk = pairs[start : start + 1000]
                cursor.execute(head + ", ".join(["(%s, %s)"] * len(chunk)), [pk for pair in chunk for pk in pair])

    def vocabularies(self):
        """Vocabularies and mechanisms are shared: existing terms (by key or code) are kept."""
        for model, pairs in ((Theme, THEME_PAIRS), (AffectedGroup, GROUP_PAIRS)):
            rows = [model(key=en, name_en=en, name_ru=ru) for en, ru in pairs]
            model.objects.bulk_create(rows, ignore_conflicts=True)
        SdgTarget.objects.bulk_create(
            [SdgTarget(code=c, title_en=en, title_ru=ru) for c, en, ru in SDG_TRIPLES], ignore_conflicts=True
        )
        Mechanism.objects.bulk_create(
            [Mechanism(code=c, kind=k, name_ru=ru, name_en=en) for c, k, (ru, en) in MECHANISMS], ignore_conflicts=True
        )
        # Ordered by the terms' names so that choices do not depend on database ids.
        self.theme_ids = _ids(Theme, "key", [k for k, _ in THEME_PAIRS])
        self.group_ids = _ids(AffectedGroup, "key", [k for k, _ in GROUP_PAIRS])
        self.sdg_ids = _ids(SdgTarget, "code", [c for c, *_ in SDG_TRIPLES])
        self.mechanisms = {m.code: m for m in Mechanism.objects.filter(code__in=MECHANISM_WEIGHTS)}

    def organisations(self, count):
        rng, rows = self.rng, []
        for i in range(count):
            if i % 5 < 2:  # two in five are state bodies
                state = rng.choice(STATES[:12])
                (en, ru), country = rng.choice(MINISTRIES), state
                with translation.override("ru"):
                    name_ru = f"{ru} ({countries.name(state)})"
                name_en, kind, member, city = f"{en} ({countries.name(state)})", Organisation.Kind.STATE_BODY, False, ""
            else:
                (kind_en, kind_ru), word = rng.choice(ORG_KINDS), rng.choice(ORG_NAMES)
                city_en, city_ru, country = rng.choice(CITIES[:9])
                name_en, name_ru = f'{kind_en} "{word}" {city_en}', f"{kind_ru} «{word}» {city_ru}"
                kind = Organisation.Kind.TRADE_UNION if kind_en == "Trade Union" else Organisation.Kind.NGO
                member, city = rng.random() < 0.6, city_ru
            rows.append(
                Organisation(
                    slug=f"{PREFIX}org-{i}",
                    name_en=name_en,
                    name_ru=name_ru,
                    kind=kind,
                    country=country,
                    city=city,
                    is_platform_member=member,
                    is_public=rng.random() < 0.95,
                )
            )
        orgs = self.bulk(Organisation, rows)
        self.state_body_ids = [o.pk for o in orgs if o.kind == Organisation.Kind.STATE_BODY]
        self.ngo_ids = [o.pk for o in orgs if o.kind != Organisation.Kind.STATE_BODY]

    def reviews(self, n):
        rng, codes = self.rng, list(MECHANISM_WEIGHTS)
        combos = defaultdict(int)
        for _ in range(max(1, round(n / 40))):
            combos[(rng.choices(codes, weights=list(MECHANISM_WEIGHTS.values()))[0], rng.choice(STATES))] += 1
        rows = []
        for (code, state), k in sorted(combos.items()):
            years = sorted(rng.sample(range(2000, 2025), k) if k <= 25 else rng.choices(range(2000, 2025), k=k))
            for number, year in enumerate(years, start=1):
                iso3 = countries.alpha3(state)
                symbol = f"{SYMBOLS[code]}/{iso3}/CO/{number}" if code in SYMBOLS else ""
                if code == "UPR":
                    symbol = f"A/HRC/WG.6/{number}/{iso3}/1"
                date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                rows.append(
                    Review(
                        mechanism=self.mechanisms[code],
                        state=state,
                        year=year,
                        date=date,
                        session=f"{rng.randint(10, 90)}",
                        document_symbol=symbol,
                    )
                )
        # Platform reviews (the asks) go last, so that asks can point at the recommendations they reflect.
        rows.sort(key=lambda r: r.mechanism.code == "PLATFORM")
        self.review_list = self.bulk(Review, rows)

    def recommendations(self, n):
        rng, reviews = self.rng, self.review_list
        # Spread N over the reviews: each gets at least one, the rest at random.
        per_review = [1] * len(reviews)
        for _ in range(n - len(reviews)):
            per_review[rng.randrange(len(reviews))] += 1
        self.un_ids, self.ask_ids = [], []
        pending = []
        for review, count in zip(reviews, per_review, strict=True):
            if review.mechanism.code == "PLATFORM" and not self.un_ids:
                # The asks reflect UN recommendations: those must have ids first.
                self.flush_recommendations(pending)
                pending = []
            for paragraph in range(count):
                pending.append(self.recommendation(review, paragraph))
                if len(pending) >= self.batch:
                    self.flush_recommendations(pending)
                    pending = []
        self.flush_recommendations(pending)

    def recommendation(self, review, paragraph):
        rng = self.rng
        (ve, vr), (oe, orr), (ge, gr), (qe, qr) = (rng.choice(x) for x in (VERBS, OBJECTS, BENEFICIARIES, QUALIFIERS))
        code = review.mechanism.code
        rec = Recommendation(
            review=review,
            paragraph="" if code == "PLATFORM" else str(paragraph + 10),
            kind=Recommendation.Kind.OBSERVATION if rng.random() < 0.1 else Recommendation.Kind.RECOMMENDATION,
            text_en=f"{ve} {oe} for {ge}{qe}.",
            text_ru=f"{vr} {orr} для {gr}{qr}.",
            upr_response=rng.choice(["supported"] * 3 + ["noted"]) if code == "UPR" else "",
            recommending_states=", ".join(countries.name(c) for c in rng.sample(STATES, 2)) if code == "UPR" else "",
        )
        # ~1.5 assessments each, on distinct rising dates; the status is the latest confirmed one.
        day = datetime.date(review.year, 1, 1) + datetime.timedelta(days=rng.randint(180, 900))
        rec._assessments = []
        for _ in range(rng.choices((0, 1, 2, 3), weights=(2, 3, 3, 2))[0]):
            state = rng.choices(("confirmed", "proposed", "rejected"), weights=(80, 12, 8))[0]
            rec._assessments.append((rng.choice(STATUS_CHOICES), min(day, LAST_DAY), state))
            day += datetime.timedelta(days=rng.randint(60, 400))
            if day > LAST_DAY:
                break
        confirmed = [a for a in rec._assessments if a[2] == "confirmed"]
        rec.status, rec.status_date = (confirmed[-1][0], confirmed[-1][1]) if confirmed else (Status.NOT_ASSESSED, None)
        rec._links = [
            rng.sample(ids, rng.randint(lo, hi))
            for ids, lo, hi in (
                (self.theme_ids, 1, 3),
                (self.group_ids, 1, 2),
                (self.sdg_ids, 0, 2),
                (self.state_body_ids, 0, 2),
            )
        ]
        rec._reflects = rng.sample(self.un_ids, min(len(self.un_ids), rng.randint(1, 3))) if code == "PLATFORM" else []
        return rec

    def flush_recommendations(self, recs):
        if not recs:
            return
        self.bulk(Recommendation, recs)
        names = "themes", "affected_groups", "sdg_targets", "addressed_bodies"
        pairs, assessments, reflected = {name: [] for name in names}, [], []
        for rec in recs:
            (self.ask_ids if rec.review.mechanism.code == "PLATFORM" else self.un_ids).append(rec.pk)
            for name, ids in zip(names, rec._links, strict=True):
                pairs[name] += [(rec.pk, pk) for pk in ids]
            assessments += [
                Assessment(
                    recommendation_id=rec.pk,
                    status=status,
                    assessed_on=day,
                    state=state,
                    organisation_id=self.rng.choice(self.ngo_ids),
                    evidence=f"Оценка Платформы по данным мониторинга, {day:%Y}.",
                )
                for status, day, state in rec._assessments
            ]
            reflected += [(rec.pk, to) for to in rec._reflects]
        for name in names:
            self.link(Recommendation, name, pairs[name])
        self.link(Recommendation, "reflected_in", reflected)
        self.bulk(Assessment, assessments)

    def reports(self, count):
        rng, rows, authors, proposed = self.rng, [], [], []
        # Each platform review's asks belong to one report; the others propose UN recommendations they fed.
        asks_by_review = defaultdict(list)
        for review_id, pk in (
            Recommendation.objects.filter(pk__in=self.ask_ids).order_by("pk").values_list("review_id", "pk")
        ):
            asks_by_review[review_id].append(pk)
        ask_groups = [asks_by_review[r.pk] for r in self.review_list if r.pk in asks_by_review]
        kinds = Report.Kind.values
        for i in range(count):
            (topic_en, topic_ru), year, state = rng.choice(TOPICS), rng.randint(2005, 2024), rng.choice(STATES[:6])
            with translation.override("ru"):
                country_ru = countries.name(state)
            status = rng.choices((Workflow.PUBLISHED, Workflow.IN_REVIEW, Workflow.DRAFT), weights=(85, 10, 5))[0]
            rows.append(
                Report(
                    slug=f"{PREFIX}report-{i}",
                    kind=rng.choice(kinds),
                    status=status,
                    title_en=f"{topic_en}: {countries.name(state)}, {year}",
                    title_ru=f"{topic_ru}: {country_ru}, {year}",
                    summary_en=f"Findings and recommendations on {topic_en.lower()}.",
                    summary_ru=f"Выводы и рекомендации: {topic_ru.lower()}.",
                    method_en=f"Interviews with {rng.randint(10, 120)} people.",
                    method_ru=f"Интервью с {rng.randint(10, 120)} людьми.",
                    published_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    languages="Russian, English",
                    countries=[state],
                    external_url=f"https://example.org/reports/{i}.pdf",
                )
            )
        reports = self.bulk(Report, rows)
        hidden = []
        for i, report in enumerate(reports):
            for order, org in enumerate(rng.sample(self.ngo_ids, min(len(self.ngo_ids), rng.randint(1, 3)))):
                role = ReportAuthor.Role.LEAD if order == 0 else rng.choice(ReportAuthor.Role.values[1:])
                authors.append(ReportAuthor(report_id=report.pk, organisation_id=org, role=role, order=order))
            asks = ask_groups[i] if i < len(ask_groups) else []
            if report.status != Workflow.PUBLISHED:
                hidden += asks
            ids = asks + rng.sample(self.un_ids, min(len(self.un_ids), rng.randint(0, 10)))
            proposed += [(report.pk, pk) for pk in ids]
        self.bulk(ReportAuthor, authors)
        self.link(Report, "proposed_recommendations", proposed)
        Recommendation.objects.filter(pk__in=hidden).update(is_public=False)
        self.report_ids = [r.pk for r in reports]

    def events(self, count):
        rng, rows = self.rng, []
        for _ in range(count):
            kind = rng.choice(Event.Kind.values)
            (topic_en, topic_ru), (city_en, city_ru, country) = rng.choice(TOPICS), rng.choice(CITIES)
            start = datetime.date(rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))
            rows.append(
                Event(
                    kind=kind,
                    title_en=f"{topic_en}: {city_en}",
                    title_ru=f"{topic_ru}: {city_ru}",
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=rng.choice((0, 0, 1, 2, 4))),
                    place=city_ru,
                    country=country,
                    description_en=f"A meeting in {city_en} on {topic_en.lower()}.",
                    description_ru=f"Встреча в городе {city_ru}: {topic_ru.lower()}.",
                    visibility=Event.Visibility.MEMBERS if rng.random() < 0.15 else Event.Visibility.PUBLIC,
                    status=Workflow.PUBLISHED if rng.random() < 0.9 else Workflow.DRAFT,
                    owner_id=rng.choice(self.ngo_ids),
                )
            )
        events = self.bulk(Event, rows)
        links, participants, all_recommendation_ids = defaultdict(list), [], self.un_ids + self.ask_ids
        for event in events:
            for name, ids, lo, hi in (
                ("organisers", self.ngo_ids, 1, 3),
                ("addressed_bodies", self.state_body_ids, 0, 3),
                ("reports_presented", self.report_ids, 0, 2),
                ("recommendations_promoted", all_recommendation_ids, 1, 10),
            ):
                links[name] += [(event.pk, pk) for pk in rng.sample(ids, min(len(ids), rng.randint(lo, hi)))]
            participants += [
                EventParticipant(event_id=event.pk, organisation_id=pk, role=rng.choice(ROLES))
                for pk in rng.sample(self.ngo_ids, min(len(self.ngo_ids), rng.randint(1, 4)))
            ]
        for name, pairs in links.items():
            self.link(Event, name, pairs)
        self.bulk(EventParticipant, participants)
