# ruff: noqa: E501 -- a content table: long Russian and English sentences read better unbroken.
"""The platform's real content for ``load_demo``, summarised from its 2015–2017 activity report.

Facts (names, dates, places, links, document symbols) come from the activity report in the seed and
from the checked facts list; every sentence is written for the portal, none is quoted. Where the
activity report gives no exact date, the record says so and the date shown is approximate. Each
record carries a stable natural key (slug, code, key, or a short ``ref``) so that loading twice
changes nothing.
"""

import datetime

D = datetime.date

# --- Organisations -------------------------------------------------------------------------------
# slug, kind, country, city, website, platform member, (name ru, name en), (short ru, short en),
# (description ru, description en)
ORGANISATIONS = [
    (
        "platform",
        "network",
        "KG",
        "Бишкек",
        "",
        False,
        ("Платформа по защите прав трудящихся мигрантов", "Migrant Workers' Rights Platform"),
        ("Платформа", "Platform"),
        (
            "Объединение организаций гражданского общества Центральной Азии, защищающих права трудящихся "
            "мигрантов и членов их семей; координируется из Бишкека.",
            "A network of Central Asian civil-society organisations that defends the rights of migrant "
            "workers and their families; coordinated from Bishkek.",
        ),
    ),
    (
        "bir-duino-kyrgyzstan",
        "ngo",
        "KG",
        "Бишкек",
        "http://birduino.kg/",
        True,
        ("Правозащитное движение «Бир Дуйно Кыргызстан»", 'Human Rights Movement "Bir Duino Kyrgyzstan"'),
        ("Бир Дуйно Кыргызстан", "Bir Duino Kyrgyzstan"),
        (
            "Правозащитная организация из Бишкека. В 2015–2017 годах вела работу Платформы по правам "
            "трудящихся мигрантов: доклады в комитеты ООН, исследования с FIDH, адвокация в ОБСЕ.",
            "A Bishkek human rights organisation. In 2015–2017 it led the Platform's work on migrant "
            "workers' rights: reports to UN committees, research with FIDH and advocacy at the OSCE.",
        ),
    ),
    (
        "mehr-shavkat",
        "ngo",
        "KG",
        "",
        "",
        True,
        ("Общественный фонд «Мехр Шавкат»", 'Public Foundation "Mehr Shavkat"'),
        ("Мехр Шавкат", "Mehr Shavkat"),
        (
            "Член Платформы из Кыргызстана; активно участвовал в исследовании 2016 года о женщинах и "
            "детях, вовлечённых в миграцию.",
            "A Platform member from Kyrgyzstan; took an active part in the 2016 research on women and "
            "children affected by migration.",
        ),
    ),
    (
        "international-legal-initiative",
        "ngo",
        "KZ",
        "",
        "",
        True,
        ("Общественный фонд «Международная правовая инициатива»", 'Public Foundation "International Legal Initiative"'),
        ("Международная правовая инициатива", "International Legal Initiative"),
        (
            "Казахстанская организация; соавтор альтернативного доклада 2015 года об исполнении Казахстаном "
            "обязательств по пактам о правах человека.",
            "A Kazakh organisation; co-author of the 2015 alternative report on Kazakhstan's obligations "
            "under the human rights covenants.",
        ),
    ),
    (
        "public-position",
        "ngo",
        "KZ",
        "",
        "",
        True,
        ("Общественный фонд «Общественная позиция»", 'Public Foundation "Public Position"'),
        ("Общественная позиция", "Public Position"),
        (
            "Казахстанская организация; соавтор альтернативного доклада 2015 года вместе с «Бир Дуйно "
            "Кыргызстан» и «Международной правовой инициативой».",
            "A Kazakh organisation; co-wrote the 2015 alternative report with Bir Duino Kyrgyzstan and "
            "International Legal Initiative.",
        ),
    ),
    (
        "fidh",
        "international_ngo",
        "FR",
        "Париж",
        "https://www.fidh.org/",
        False,
        ("Международная федерация за права человека (FIDH)", "International Federation for Human Rights (FIDH)"),
        ("FIDH", "FIDH"),
        (
            "Международная федерация правозащитных организаций; «Бир Дуйно Кыргызстан» — её член. В 2016 "
            "году провела с партнёрами исследование о мигрантах из Кыргызстана.",
            "An international federation of human rights organisations, of which Bir Duino Kyrgyzstan is a "
            "member. In 2016 it researched the situation of migrants from Kyrgyzstan with its partners.",
        ),
    ),
    (
        "adc-memorial",
        "international_ngo",
        "",
        "",
        "",
        False,
        ("Антидискриминационный центр «Мемориал»", 'Anti-Discrimination Centre "Memorial"'),
        ("АДЦ «Мемориал»", "ADC Memorial"),
        (
            "Правозащитная организация, защищающая от дискриминации мигрантов и меньшинства; соавтор "
            "альтернативного доклада в КТМ и исследования FIDH 2016 года.",
            "A human rights organisation that defends migrants and minorities against discrimination; "
            "co-author of the alternative report to the CMW and of the 2016 FIDH research.",
        ),
    ),
    (
        "caritas-france",
        "donor",
        "FR",
        "",
        "",
        False,
        ("Каритас Франс", "Caritas France"),
        ("Каритас Франс", "Caritas France"),
        (
            "Благотворительная организация; поддерживает проекты членов Платформы по защите прав трудящихся мигрантов.",
            "A charity that supports Platform members' projects defending migrant workers' rights.",
        ),
    ),
    (
        "womens-learning-partnership",
        "network",
        "",
        "",
        "",
        False,
        ("Сеть «Women's Learning Partnership»", "Women's Learning Partnership"),
        ("WLP", "WLP"),
        (
            "Международная сеть женских организаций; провела с «Бир Дуйно Кыргызстан» тренинги для "
            "тренеров по горизонтальному лидерству.",
            "An international network of women's organisations; ran training-of-trainers courses on "
            "horizontal leadership with Bir Duino Kyrgyzstan.",
        ),
    ),
    (
        "akipress",
        "media",
        "KG",
        "Бишкек",
        "",
        False,
        ("Информационное агентство «АКИpress»", "AKIpress news agency"),
        ("АКИpress", "AKIpress"),
        ("Информационное агентство в Бишкеке.", "A news agency in Bishkek."),
    ),
    (
        "un-cmw",
        "un_body",
        "CH",
        "Женева",
        "",
        False,
        ("Комитет ООН по трудящимся-мигрантам", "UN Committee on Migrant Workers"),
        ("КТМ", "CMW"),
        (
            "Договорный орган ООН, следящий за исполнением Конвенции о защите прав всех трудящихся-мигрантов "
            "и членов их семей.",
            "The UN treaty body that monitors the Convention on the Protection of the Rights of All Migrant "
            "Workers and Members of Their Families.",
        ),
    ),
    (
        "un-cescr",
        "un_body",
        "CH",
        "Женева",
        "",
        False,
        (
            "Комитет ООН по экономическим, социальным и культурным правам",
            "UN Committee on Economic, Social and Cultural Rights",
        ),
        ("КЭСКП", "CESCR"),
        (
            "Договорный орган ООН, следящий за исполнением Международного пакта об экономических, "
            "социальных и культурных правах.",
            "The UN treaty body that monitors the International Covenant on Economic, Social and Cultural Rights.",
        ),
    ),
    (
        "osce-odihr",
        "osce",
        "PL",
        "Варшава",
        "",
        False,
        (
            "Бюро ОБСЕ по демократическим институтам и правам человека",
            "OSCE Office for Democratic Institutions and Human Rights",
        ),
        ("БДИПЧ/ОБСЕ", "OSCE/ODIHR"),
        (
            "Бюро ОБСЕ в Варшаве; проводит Совещание по рассмотрению выполнения обязательств в области "
            "человеческого измерения.",
            "The OSCE office in Warsaw that hosts the Human Dimension Implementation Meeting.",
        ),
    ),
]

# Kyrgyz and Kazakh state bodies the activity report addresses: slug, country, (name ru, name en), (short ru, short en)
STATE_BODIES = [
    ("kg-state-migration-service", "KG", ("Государственная служба миграции при Правительстве КР", "State Migration Service under the Government of Kyrgyzstan"), ("ГСМ", "SMS")),
    ("kg-ministry-foreign-affairs", "KG", ("Министерство иностранных дел КР", "Ministry of Foreign Affairs of Kyrgyzstan"), ("МИД КР", "MFA")),
    ("kg-ministry-justice", "KG", ("Министерство юстиции КР", "Ministry of Justice of Kyrgyzstan"), ("Минюст КР", "MoJ")),
    ("kg-ministry-internal-affairs", "KG", ("Министерство внутренних дел КР", "Ministry of Internal Affairs of Kyrgyzstan"), ("МВД КР", "MIA")),
    ("kg-ministry-social-development", "KG", ("Министерство социального развития КР", "Ministry of Social Development of Kyrgyzstan"), ("Минсоцразвития КР", "MSD")),
    ("kg-jogorku-kenesh", "KG", ("Жогорку Кенеш Кыргызской Республики", "Jogorku Kenesh (Parliament of Kyrgyzstan)"), ("ЖК", "Jogorku Kenesh")),
    ("kg-ombudsman", "KG", ("Омбудсмен (Акыйкатчы) Кыргызской Республики", "Ombudsman (Akyikatchy) of Kyrgyzstan"), ("Омбудсмен КР", "Ombudsman")),
    ("kg-president-office", "KG", ("Аппарат Президента Кыргызской Республики", "Office of the President of Kyrgyzstan"), ("Аппарат Президента", "President's Office")),
    ("kg-government-office", "KG", ("Аппарат Правительства Кыргызской Республики", "Office of the Prime Minister of Kyrgyzstan"), ("Аппарат Правительства", "Government Office")),
    ("kz-ministry-labour", "KZ", ("Министерство труда и социальной защиты населения РК", "Ministry of Labour and Social Protection of Kazakhstan"), ("Минтруда РК", "Labour Ministry (KZ)")),
    ("kz-ministry-internal-affairs", "KZ", ("Министерство внутренних дел Республики Казахстан", "Ministry of Internal Affairs of Kazakhstan"), ("МВД РК", "MIA (KZ)")),
]  # fmt: skip

# --- Vocabularies (UHRI English names as keys) ---------------------------------------------------
THEMES = [
    ("Labour rights and right to work", "Трудовые права и право на труд"),
    ("Trade union rights", "Профсоюзные права"),
    ("Human trafficking", "Торговля людьми"),
    ("Equality & non-discrimination", "Равенство и недискриминация"),
    ("Right to education", "Право на образование"),
    ("Right to social security", "Право на социальное обеспечение"),
    ("Access to justice & remedy", "Доступ к правосудию и средствам защиты"),
    ("Corruption", "Коррупция"),
    ("Civil society", "Гражданское общество"),
    ("Legal & institutional reform", "Правовая и институциональная реформа"),
    ("Acceptance of international norms", "Принятие международных норм"),
    ("Right to health", "Право на здоровье"),
    ("Birth registration & right to a name and nationality", "Регистрация рождения, право на имя и гражданство"),
]

GROUPS = [
    ("Migrants", "Мигранты"),
    ("Women & girls", "Женщины и девочки"),
    ("Children", "Дети"),
    ("Human rights defenders", "Правозащитники"),
    ("Victims of trafficking", "Жертвы торговли людьми"),
    ("Members of families of migrant workers", "Члены семей трудящихся-мигрантов"),
]

SDG_TARGETS = [
    ("8.7", "End forced labour, modern slavery and human trafficking", "Искоренить принудительный труд, современное рабство и торговлю людьми"),
    ("8.8", "Protect labour rights", "Защищать трудовые права"),
    ("10.7", "Facilitate orderly, safe, regular and responsible migration", "Содействовать упорядоченной, безопасной, законной и ответственной миграции"),
    ("16.2", "End abuse, exploitation, trafficking and violence against children", "Положить конец надругательствам, эксплуатации, торговле детьми и насилию в отношении детей"),
    ("16.3", "Promote the rule of law", "Содействовать верховенству права"),
    ("16.5", "Reduce corruption and bribery", "Сократить масштабы коррупции и взяточничества"),
    ("16.9", "Provide legal identity for all, including birth registration", "Обеспечить наличие у всех законных удостоверений личности, включая регистрацию рождений"),
    ("5.2", "Eliminate violence against women and girls", "Ликвидировать все формы насилия в отношении женщин и девочек"),
    ("4.1", "Free primary and secondary education", "Бесплатное начальное и среднее образование"),
]  # fmt: skip

# code, kind, (name ru, name en)
MECHANISMS = [
    ("CMW", "treaty_body", ("Комитет по трудящимся-мигрантам", "Committee on Migrant Workers")),
    ("CESCR", "treaty_body", ("Комитет по экономическим, социальным и культурным правам", "Committee on Economic, Social and Cultural Rights")),
    ("CEDAW", "treaty_body", ("Комитет по ликвидации дискриминации в отношении женщин", "Committee on the Elimination of Discrimination against Women")),
    ("CRC", "treaty_body", ("Комитет по правам ребёнка", "Committee on the Rights of the Child")),
    ("CERD", "treaty_body", ("Комитет по ликвидации расовой дискриминации", "Committee on the Elimination of Racial Discrimination")),
    ("CCPR", "treaty_body", ("Комитет по правам человека", "Human Rights Committee")),
    ("CAT", "treaty_body", ("Комитет против пыток", "Committee against Torture")),
    ("UPR", "upr", ("Универсальный периодический обзор", "Universal Periodic Review")),
    ("SP", "special_procedure", ("Специальные процедуры ООН", "UN Special Procedures")),
    ("OSCE_ODIHR", "osce", ("БДИПЧ/ОБСЕ", "OSCE/ODIHR")),
    ("PLATFORM", "platform", ("Рекомендации Платформы", "The Platform's own asks")),
]  # fmt: skip

# --- Reviews: ref → mechanism, state, year, symbol, date, link ------------------------------------
# CMW/C/KGZ/CO/1 follows the committee's numbering but was not seen in a source: the symbol stays blank.
REVIEWS = {
    "cmw-kgz-2015": ("CMW", "KG", 2015, "", None, ""),
    "cescr-kgz-2015": ("CESCR", "KG", 2015, "E/C.12/KGZ/CO/2-3", None, ""),
    "upr-kgz-2015": ("UPR", "KG", 2015, "A/HRC/29/4", None, ""),
    # The activity report counts about ten CMW and CESCR recommendations on Kazakhstan without naming
    # the documents; the review is kept without year or symbol until a coordinator checks them.
    "cescr-kaz": ("CESCR", "KZ", None, "", None, ""),
    "platform-kgz-2016": ("PLATFORM", "KG", 2016, "", None, "https://www.fidh.org/IMG/pdf/rapport_kyrgyzstan_ru-web.pdf"),
    "platform-kaz-2016": ("PLATFORM", "KZ", 2016, "", D(2016, 9, 6), "https://www.fidh.org/IMG/pdf/note_kazakhstan_681r_6_sept_2016_ru_web.pdf"),
}  # fmt: skip

# --- Recommendations: ref, review, (text ru, text en), themes, groups, SDG codes, addressed bodies --
MIGRANTS = ["Migrants"]
RECOMMENDATIONS = [
    # CMW 2015, Kyrgyzstan: ten recommendations carried the Platform's and partners' asks.
    ("cmw-legislation", "cmw-kgz-2015",
     ("Привести законодательство о миграции в соответствие с Конвенцией о защите прав всех трудящихся-мигрантов.",
      "Bring migration legislation into line with the Convention on the Protection of the Rights of All Migrant Workers."),
     ["Legal & institutional reform", "Acceptance of international norms"], MIGRANTS, ["10.7"], ["kg-jogorku-kenesh"]),
    ("cmw-information", "cmw-kgz-2015",
     ("Обеспечить трудящимся-мигрантам доступ к информации об их правах в стране назначения и о том, куда обращаться за помощью.",
      "Give migrant workers access to information on their rights in the country of destination and on where to seek help."),
     ["Labour rights and right to work"], MIGRANTS, ["10.7"], ["kg-state-migration-service"]),
    ("cmw-predeparture", "cmw-kgz-2015",
     ("Организовать бесплатную предвыездную подготовку для трудящихся-мигрантов, в том числе для женщин.",
      "Offer free pre-departure training to migrant workers, women included."),
     ["Labour rights and right to work"], ["Migrants", "Women & girls"], ["10.7"], ["kg-state-migration-service"]),
    ("cmw-education", "cmw-kgz-2015",
     ("Обеспечить доступ к образованию детям трудящихся-мигрантов — и уехавшим с родителями, и оставшимся дома.",
      "Ensure access to education for migrant workers' children, both those who travel with their parents and those left at home."),
     ["Right to education"], ["Children", "Members of families of migrant workers"], ["4.1"], ["kg-ministry-social-development"]),
    ("cmw-equal-rights", "cmw-kgz-2015",
     ("Гарантировать трудящимся-мигрантам и членам их семей равное с гражданами обращение в вопросах труда и оплаты.",
      "Guarantee migrant workers and their families treatment equal to that of nationals in work and pay."),
     ["Labour rights and right to work", "Equality & non-discrimination"], MIGRANTS, ["8.8"], []),
    ("cmw-protection", "cmw-kgz-2015",
     ("Обеспечить эффективную защиту прав трудящихся-мигрантов, включая доступ к правосудию и средствам правовой защиты.",
      "Protect migrant workers' rights effectively, including access to justice and remedies."),
     ["Access to justice & remedy"], MIGRANTS, ["16.3"], ["kg-ministry-justice"]),
    ("cmw-non-discrimination", "cmw-kgz-2015",
     ("Запретить в законе и на практике дискриминацию трудящихся-мигрантов и членов их семей.",
      "Prohibit discrimination against migrant workers and their families in law and in practice."),
     ["Equality & non-discrimination"], ["Migrants", "Members of families of migrant workers"], ["10.7"], ["kg-jogorku-kenesh"]),
    ("cmw-consular", "cmw-kgz-2015",
     ("Укрепить консульские службы, чтобы они помогали гражданам Кыргызстана, работающим в России и Казахстане.",
      "Strengthen consular services so that they assist Kyrgyz citizens working in Russia and Kazakhstan."),
     ["Access to justice & remedy"], MIGRANTS, ["10.7"], ["kg-ministry-foreign-affairs"]),
    ("cmw-ilo", "cmw-kgz-2015",
     ("Рассмотреть ратификацию конвенций МОТ № 97 и № 143 о трудящихся-мигрантах.",
      "Consider ratifying ILO Conventions No. 97 and No. 143 on migrant workers."),
     ["Acceptance of international norms", "Labour rights and right to work"], MIGRANTS, ["8.8"], ["kg-jogorku-kenesh"]),
    ("cmw-birth-registration", "cmw-kgz-2015",
     ("Обеспечить регистрацию детей трудящихся-мигрантов, родившихся за рубежом, и выдачу им документов.",
      "Ensure that children of migrant workers born abroad are registered and receive documents."),
     ["Birth registration & right to a name and nationality"], ["Children", "Members of families of migrant workers"], ["16.9"], ["kg-ministry-justice", "kg-ministry-foreign-affairs"]),
    # CESCR 2015, Kyrgyzstan: five recommendations carried the Platform's asks.
    ("cescr-services", "cescr-kgz-2015",
     ("Обеспечить трудящимся-мигрантам и их семьям доступ к социальным и медицинским услугам.",
      "Give migrant workers and their families access to social and health services."),
     ["Right to health", "Right to social security"], ["Migrants", "Members of families of migrant workers"], ["10.7"], ["kg-ministry-social-development"]),
    ("cescr-bilateral", "cescr-kgz-2015",
     ("Заключить двусторонние соглашения со странами назначения для защиты прав трудящихся-мигрантов.",
      "Conclude bilateral agreements with countries of destination to protect migrant workers' rights."),
     ["Labour rights and right to work"], MIGRANTS, ["10.7", "8.8"], ["kg-ministry-foreign-affairs"]),
    ("cescr-residence", "cescr-kgz-2015",
     ("Обеспечить детям и супругам трудящихся-мигрантов получение вида на жительство.",
      "Make sure that the children and spouses of migrant workers can obtain residence permits."),
     ["Equality & non-discrimination"], ["Members of families of migrant workers", "Children"], ["10.7"], ["kg-state-migration-service"]),
    ("cescr-foreign-agents", "cescr-kgz-2015",
     ("Отклонить законопроект «об иностранных агентах», ограничивающий работу некоммерческих организаций.",
      'Reject the draft law on "foreign agents", which would restrict the work of non-profit organisations.'),
     ["Civil society"], ["Human rights defenders"], ["16.3"], ["kg-jogorku-kenesh"]),
    ("cescr-social-security", "cescr-kgz-2015",
     ("Обеспечить трудящимся-мигрантам сохранение пенсионных и иных социальных прав при работе за рубежом.",
      "Preserve migrant workers' pension and other social security rights while they work abroad."),
     ["Right to social security"], MIGRANTS, ["10.7"], ["kg-ministry-social-development"]),
    # Recommendations on Kazakhstan that carried the Platform's asks (documents to be checked).
    ("kaz-trafficking", "cescr-kaz",
     ("Усилить предупреждение торговли людьми и защиту её жертв среди трудящихся-мигрантов.",
      "Step up the prevention of trafficking in persons and the protection of its victims among migrant workers."),
     ["Human trafficking"], ["Migrants", "Victims of trafficking"], ["8.7"], ["kz-ministry-internal-affairs"]),
    ("kaz-witnesses", "cescr-kaz",
     ("Обеспечить защиту свидетелей и потерпевших по делам о торговле людьми и принудительном труде.",
      "Protect witnesses and victims in cases of trafficking and forced labour."),
     ["Human trafficking", "Access to justice & remedy"], ["Victims of trafficking"], ["8.7", "16.3"], ["kz-ministry-internal-affairs"]),
    ("kaz-corruption", "cescr-kaz",
     ("Предотвращать коррупцию при регистрации мигрантов и выдаче разрешений на работу.",
      "Prevent corruption in the registration of migrants and the issue of work permits."),
     ["Corruption"], MIGRANTS, ["16.5"], ["kz-ministry-internal-affairs"]),
    ("kaz-labour-inspection", "cescr-kaz",
     ("Проводить мониторинг условий труда на предприятиях, где работают мигранты.",
      "Monitor working conditions in workplaces that employ migrants."),
     ["Labour rights and right to work"], MIGRANTS, ["8.8"], ["kz-ministry-labour"]),
    ("kaz-services", "cescr-kaz",
     ("Обеспечить трудящимся-мигрантам защиту и доступ к медицинским и социальным услугам.",
      "Give migrant workers protection and access to health and social services."),
     ["Right to health", "Right to social security"], MIGRANTS, ["10.7"], ["kz-ministry-labour"]),
]  # fmt: skip

# The Platform's own asks from the two 2016 FIDH reports: ref, review, texts, themes, groups, SDG codes,
# addressed bodies, the UN recommendations that carry the same demand.
ASKS = [
    ("ask-sms-information", "platform-kgz-2016",
     ("Государственной службе миграции: до выезда информировать женщин-мигранток об их правах и о том, где получить помощь.",
      "State Migration Service: before departure, tell women migrants about their rights and where to get help."),
     ["Labour rights and right to work"], ["Migrants", "Women & girls"], ["10.7", "5.2"], ["kg-state-migration-service"],
     ["cmw-information", "cmw-predeparture"]),
    ("ask-consular", "platform-kgz-2016",
     ("МИД и консульским службам: помогать женщинам и детям за рубежом с документами и защитой от насилия.",
      "Foreign Ministry and consulates: help women and children abroad with documents and protection from violence."),
     ["Access to justice & remedy"], ["Women & girls", "Children"], ["10.7", "5.2"], ["kg-ministry-foreign-affairs"],
     ["cmw-consular"]),
    ("ask-documents", "platform-kgz-2016",
     ("Министерству юстиции и МВД: регистрировать рождение детей мигрантов за рубежом и расследовать насилие в отношении мигранток.",
      "Ministry of Justice and Ministry of Internal Affairs: register births of migrants' children abroad and investigate violence against women migrants."),
     ["Birth registration & right to a name and nationality", "Access to justice & remedy"], ["Children", "Women & girls"], ["16.9", "5.2"],
     ["kg-ministry-justice", "kg-ministry-internal-affairs"], ["cmw-birth-registration", "cmw-protection"]),
    ("ask-children-left-behind", "platform-kgz-2016",
     ("Министерству социального развития: поддерживать детей, оставшихся дома без родителей-мигрантов.",
      "Ministry of Social Development: support children left at home while their parents work abroad."),
     ["Right to education", "Right to social security"], ["Children", "Members of families of migrant workers"], ["4.1"],
     ["kg-ministry-social-development"], ["cmw-education", "cescr-services"]),
    ("ask-parliament", "platform-kgz-2016",
     ("Жогорку Кенешу: привести законы в соответствие с Конвенцией о трудящихся-мигрантах и конвенциями МОТ.",
      "Jogorku Kenesh: bring the laws into line with the Migrant Workers Convention and the ILO conventions."),
     ["Legal & institutional reform", "Acceptance of international norms"], MIGRANTS, ["10.7", "8.8"], ["kg-jogorku-kenesh"],
     ["cmw-legislation", "cmw-ilo"]),
    ("ask-ombudsman", "platform-kgz-2016",
     ("Омбудсмену: регулярно отслеживать соблюдение прав семей трудящихся-мигрантов и сообщать о нарушениях.",
      "Ombudsman: monitor the rights of migrant workers' families regularly and report violations."),
     ["Equality & non-discrimination"], ["Members of families of migrant workers"], ["16.3"], ["kg-ombudsman"],
     ["cmw-non-discrimination"]),
    ("ask-kaz-registration", "platform-kaz-2016",
     ("Казахстану: упростить регистрацию и получение разрешений на работу для мигрантов из Кыргызстана, Узбекистана и Таджикистана.",
      "Kazakhstan: simplify registration and work permits for migrants from Kyrgyzstan, Uzbekistan and Tajikistan."),
     ["Labour rights and right to work", "Corruption"], MIGRANTS, ["10.7"], ["kz-ministry-internal-affairs", "kz-ministry-labour"],
     ["kaz-corruption"]),
    ("ask-kaz-inspection", "platform-kaz-2016",
     ("Казахстану: проверять условия труда мигрантов и наказывать работодателей за отъём паспортов и невыплату зарплаты.",
      "Kazakhstan: inspect migrants' working conditions and sanction employers who take passports or withhold wages."),
     ["Labour rights and right to work"], MIGRANTS, ["8.8", "8.7"], ["kz-ministry-labour"],
     ["kaz-labour-inspection"]),
    ("ask-kaz-trafficking", "platform-kaz-2016",
     ("Казахстану: выявлять жертв торговли людьми среди мигрантов и защищать их как потерпевших и свидетелей.",
      "Kazakhstan: identify trafficking victims among migrants and protect them as victims and witnesses."),
     ["Human trafficking"], ["Migrants", "Victims of trafficking"], ["8.7"], ["kz-ministry-internal-affairs"],
     ["kaz-trafficking", "kaz-witnesses"]),
]  # fmt: skip

# --- Reports -------------------------------------------------------------------------------------
# slug → dict; authors are (organisation slug, role); "proposes" are recommendation refs.
REPORTS = [
    {
        "slug": "alternative-report-cescr-kyrgyzstan-2015",
        "kind": "alternative",
        "title": (
            "Альтернативный доклад в КЭСКП по Кыргызстану (2015)",
            "Alternative report to CESCR on Kyrgyzstan (2015)",
        ),
        "summary": (
            "Доклад организаций гражданского общества к рассмотрению второго и третьего докладов Кыргызстана "
            "в КЭСКП: доступ мигрантов к услугам, двусторонние соглашения, положение семей мигрантов.",
            "Civil-society report for CESCR's review of Kyrgyzstan's second and third reports: migrants' "
            "access to services, bilateral agreements and the situation of migrants' families.",
        ),
        "method": ("", ""),
        "published_on": None,
        "languages": "English",
        "external_url": "http://tbinternet.ohchr.org/Treaties/CESCR/Shared%20Documents/KGZ/INT_CESCR_CSS_KGZ_19880_E.pdf",
        "countries": ["KG"],
        "themes": ["Right to social security", "Labour rights and right to work"],
        "groups": ["Migrants", "Members of families of migrant workers"],
        "mechanism": "CESCR",
        "review": "cescr-kgz-2015",
        "authors": [("bir-duino-kyrgyzstan", "lead")],
        "proposes": [
            "cescr-services",
            "cescr-bilateral",
            "cescr-residence",
            "cescr-foreign-agents",
            "cescr-social-security",
        ],
        "status": "published",
    },
    {
        "slug": "alternative-report-cmw-kyrgyzstan-2015",
        "kind": "alternative",
        "title": (
            "Альтернативный доклад в КТМ по Кыргызстану (2015)",
            "Alternative report to the CMW on Kyrgyzstan (2015)",
        ),
        "summary": (
            "Совместный с АДЦ «Мемориал» доклад к рассмотрению первоначального доклада Кыргызстана в КТМ: "
            "законодательство, информирование мигрантов, защита их детей и недискриминация.",
            "Joint report with ADC Memorial for the CMW's review of Kyrgyzstan's initial report: legislation, "
            "information for migrants, protection of their children and non-discrimination.",
        ),
        "method": ("", ""),
        "published_on": None,
        "languages": "English",
        "external_url": "http://tbinternet.ohchr.org/Treaties/CMW/Shared%20Documents/KGZ/INT_CMW_NGO_KGZ_19875_E.pdf",
        "countries": ["KG"],
        "themes": ["Labour rights and right to work", "Equality & non-discrimination"],
        "groups": ["Migrants", "Children"],
        "mechanism": "CMW",
        "review": "cmw-kgz-2015",
        "authors": [("bir-duino-kyrgyzstan", "lead"), ("adc-memorial", "co_author")],
        "proposes": [ref for ref, review, *_ in RECOMMENDATIONS if review == "cmw-kgz-2015"],
        "status": "published",
    },
    {
        "slug": "alternative-report-kazakhstan-covenants-2015",
        "kind": "alternative",
        "title": (
            "Альтернативный доклад об исполнении Казахстаном обязательств по МПГПП и МПЭСКП",
            "Alternative report on Kazakhstan's obligations under the ICCPR and ICESCR",
        ),
        "summary": (
            "Доклад о том, как Казахстан исполняет пакты о правах человека в отношении трудящихся-мигрантов: "
            "торговля людьми, защита свидетелей, коррупция, условия труда.",
            "How Kazakhstan honours the human rights covenants towards migrant workers: trafficking, witness "
            "protection, corruption and working conditions.",
        ),
        "method": ("", ""),
        "published_on": None,
        "languages": "English",
        "external_url": "http://tbinternet.ohchr.org/Treaties/CMW/Shared%20Documents/KGZ/INT_CMW_NGO_KGZ_19876_E.pdf",
        "countries": ["KZ"],
        "themes": ["Human trafficking", "Labour rights and right to work"],
        "groups": ["Migrants", "Victims of trafficking"],
        "mechanism": "CMW",
        "review": None,
        "authors": [
            ("bir-duino-kyrgyzstan", "co_author"),
            ("international-legal-initiative", "co_author"),
            ("public-position", "co_author"),
        ],
        "proposes": ["kaz-trafficking", "kaz-witnesses", "kaz-corruption", "kaz-labour-inspection", "kaz-services"],
        "status": "published",
    },
    {
        "slug": "alternative-report-upr-kyrgyzstan-2015",
        "kind": "upr_submission",
        "title": ("Альтернативный доклад к УПО по Кыргызстану", "Alternative UPR report on Kyrgyzstan"),
        "summary": (
            "Доклад гражданского общества ко второму циклу Универсального периодического обзора Кыргызстана.",
            "Civil-society submission to Kyrgyzstan's second Universal Periodic Review.",
        ),
        "method": ("", ""),
        "published_on": None,
        "languages": "Russian",
        "external_url": "http://www.ihahr.org/publications/upo-po-kyrgyzstanu",
        "countries": ["KG"],
        "themes": ["Civil society"],
        "groups": ["Migrants"],
        "mechanism": "UPR",
        "review": "upr-kgz-2015",
        "authors": [("bir-duino-kyrgyzstan", "lead")],
        "proposes": [],
        "status": "published",
    },
    {
        "slug": "women-and-children-from-kyrgyzstan-affected-by-migration",
        "kind": "research",
        "title": (
            "Женщины и дети из Кыргызстана, вовлечённые в миграцию",
            "Women and children from Kyrgyzstan affected by migration",
        ),
        "summary": (
            "Исследование FIDH, «Бир Дуйно Кыргызстан» и АДЦ «Мемориал» при участии «Мехр Шавкат» о том, "
            "как миграция сказывается на женщинах и детях из Кыргызстана, с рекомендациями госорганам КР, "
            "Жогорку Кенешу, Омбудсмену, ЕС и структурам ООН. Представлено на пресс-конференциях в Бишкеке "
            "и Оше.",
            "Research by FIDH, Bir Duino Kyrgyzstan and ADC Memorial, with Mehr Shavkat, on how migration "
            "affects women and children from Kyrgyzstan, with recommendations to Kyrgyz state bodies, the "
            "Jogorku Kenesh, the Ombudsman, the EU and UN bodies. Presented at press conferences in Bishkek "
            "and Osh.",
        ),
        "method": (
            "Исследование в марте–апреле 2016 года в Кыргызстане, Казахстане и России: интервью с 34 "
            "женщинами-мигрантками, родственниками мигрантов, местными НПО, пострадавшими женщинами и детьми, "
            "экспертами в Бишкеке и Ошской области; свидетельства, собранные в южном Казахстане в марте 2016 "
            "года. В опросах участвовали более 80 человек, в том числе эксперты и лидеры Платформы.",
            "Research in March–April 2016 in Kyrgyzstan, Kazakhstan and Russia: interviews with 34 women "
            "migrants, migrants' relatives, local NGOs, women and children who suffered abuse, and experts in "
            "Bishkek and Osh region; accounts gathered in southern Kazakhstan in March 2016. More than 80 "
            "people took part, the Platform's experts and leaders among them.",
        ),
        "published_on": None,
        "languages": "Russian",
        "external_url": "https://www.fidh.org/IMG/pdf/rapport_kyrgyzstan_ru-web.pdf",
        "countries": ["KG", "KZ", "RU"],
        "themes": ["Labour rights and right to work", "Right to education", "Access to justice & remedy"],
        "groups": ["Women & girls", "Children", "Migrants"],
        "mechanism": None,
        "review": "platform-kgz-2016",
        "authors": [
            ("fidh", "lead"),
            ("bir-duino-kyrgyzstan", "co_author"),
            ("adc-memorial", "co_author"),
            ("mehr-shavkat", "contributor"),
        ],
        "proposes": [ref for ref, review, *_ in ASKS if review == "platform-kgz-2016"],
        "status": "published",
    },
    {
        "slug": "labour-migrants-in-kazakhstan-without-status-and-rights",
        "kind": "research",
        "title": (
            "Трудовые мигранты в Казахстане: без статуса и прав",
            "Labour migrants in Kazakhstan: without status and rights",
        ),
        "summary": (
            "Доклад FIDH по итогам миссии в южный Казахстан о нарушениях прав трудящихся-мигрантов и членов "
            "их семей, с рекомендациями властям, международным и местным НКО, профсоюзам и экспертам.",
            "FIDH report from a mission to southern Kazakhstan on violations of the rights of migrant workers "
            "and their families, with recommendations to authorities, international and local NGOs, trade "
            "unions and experts.",
        ),
        "method": (
            "Регулярные поездки в Казахстан с февраля по май 2016 года: интервью с мигрантами из Кыргызстана, "
            "Узбекистана и Таджикистана, консультации с правозащитниками, международными организациями, "
            "госорганами и экспертами, круглый стол в Астане с участием казахстанских властей.",
            "Regular visits to Kazakhstan from February to May 2016: interviews with migrants from Kyrgyzstan, "
            "Uzbekistan and Tajikistan, consultations with rights defenders, international organisations, "
            "state bodies and experts, and a round table in Astana with Kazakh officials.",
        ),
        "published_on": D(2016, 9, 6),
        "languages": "Russian",
        "external_url": "https://www.fidh.org/IMG/pdf/note_kazakhstan_681r_6_sept_2016_ru_web.pdf",
        "countries": ["KZ"],
        "themes": ["Labour rights and right to work", "Human trafficking", "Corruption"],
        "groups": ["Migrants"],
        "mechanism": None,
        "review": "platform-kaz-2016",
        "authors": [("fidh", "lead"), ("bir-duino-kyrgyzstan", "partner")],
        "proposes": [ref for ref, review, *_ in ASKS if review == "platform-kaz-2016"],
        "status": "published",
    },
    {
        # A draft, for the access tests: visible to Bir Duino's members and coordinators only.
        "slug": "activity-report-2015-2017-draft",
        "kind": "monitoring",
        "title": (
            "Защита прав трудящихся мигрантов: отчёт о деятельности 2015–2017 (черновик)",
            "Protecting the rights of migrant workers: activity report 2015–2017 (draft)",
        ),
        "summary": (
            "Черновик отчёта «Бир Дуйно Кыргызстан» о работе Платформы в 2015–2017 годах: доклады, "
            "исследования, адвокация и партнёрства, с предложениями о дальнейших приоритетах.",
            "Bir Duino Kyrgyzstan's draft report on the Platform's work in 2015–2017: reports, research, "
            "advocacy and partnerships, with proposals for future priorities.",
        ),
        "method": ("", ""),
        "published_on": None,
        "languages": "Russian",
        "external_url": "",
        "countries": ["KG", "KZ", "RU"],
        "themes": ["Labour rights and right to work"],
        "groups": ["Migrants"],
        "mechanism": None,
        "review": None,
        "authors": [("bir-duino-kyrgyzstan", "lead")],
        "proposes": [],
        "status": "draft",
    },
]

# --- Status assessments ----------------------------------------------------------------------------
# ref, status, date, evidence (Russian, as the Platform writes it), confirmed?
ASSESSMENTS = [
    ("cescr-foreign-agents", "implemented", D(2016, 5, 12),
     "Жогорку Кенеш отклонил законопроект «об иностранных агентах» в мае 2016 года.", True),
    ("cmw-consular", "not_started", D(2016, 9, 28),
     "Опрошенные в исследовании 2016 года женщины почти не получали помощи консульств.", True),
    ("cmw-consular", "in_progress", D(2017, 10, 3),
     "Вопрос консульской помощи обсуждался на встречах с МИД после сессии ОБСЕ 2017 года; оценка Платформы.", True),
    ("cmw-information", "partially", D(2016, 9, 28),
     "Часть мигрантов получает сведения о правах до выезда, но многие опрошенные женщины уезжали без них.", True),
    ("cmw-education", "not_started", D(2016, 9, 28),
     "Исследование 2016 года описывает детей мигрантов, не посещающих школу в стране назначения.", True),
    ("kaz-labour-inspection", "not_started", D(2017, 9, 15),
     "Собеседники миссии FIDH в сентябре 2017 года не знали о проверках условий труда мигрантов.", True),
    # A member's proposal waiting for a coordinator.
    ("cescr-bilateral", "in_progress", D(2017, 10, 4),
     "Член Платформы сообщает, что вопрос о двусторонних соглашениях поднимался на встречах с МИД; нужно подтверждение.", False),
]  # fmt: skip

# --- Advocacy events -------------------------------------------------------------------------------
HDIM_LINK = ("http://www.osce.org/ru/odihr/343786?download=true", "HDIM")
APPROXIMATE = (
    " Точная дата в отчёте о деятельности не указана; дата приблизительная.",
    " The activity report gives no exact date; the date shown is approximate.",
)

EVENTS = [
    {
        "title": ("Закрытый брифинг НПО для КЭСКП по Кыргызстану", "Closed NGO briefing for CESCR on Kyrgyzstan"),
        "kind": "ngo_briefing",
        "starts_on": D(2015, 6, 1),
        "place": "Женева",
        "country": "CH",
        "forum": "CESCR",
        "description": (
            "Члены Платформы лоббировали свои рекомендации на сессии КЭСКП и на закрытом брифинге НПО."
            + APPROXIMATE[0],
            "Platform members lobbied for their recommendations at the CESCR session and its closed NGO "
            "briefing." + APPROXIMATE[1],
        ),
        "outcome": (
            "Пять рекомендаций КЭСКП Кыргызстану отразили предложения Платформы.",
            "Five of CESCR's recommendations to Kyrgyzstan carried the Platform's asks.",
        ),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [("bir-duino-kyrgyzstan", "speaker"), ("un-cescr", "committee")],
        "addressed": [],
        "reports": ["alternative-report-cescr-kyrgyzstan-2015"],
        "recommendations": ["cescr-services", "cescr-bilateral", "cescr-residence", "cescr-foreign-agents"],
        "links": [],
    },
    {
        "title": (
            "Сайд-ивент «Женщины и дети из Кыргызстана, вовлечённые в миграцию»",
            'Side event "Women and children from Kyrgyzstan affected by migration"',
        ),
        "kind": "side_event",
        "starts_on": D(2016, 9, 28),
        "place": "Варшава",
        "country": "PL",
        "forum": "OSCE Human Dimension Implementation Meeting 2016",
        "description": (
            "FIDH, «Бир Дуйно Кыргызстан» и АДЦ «Мемориал» представили исследование 2016 года и его "
            "рекомендации на Совещании ОБСЕ по человеческому измерению.",
            "FIDH, Bir Duino Kyrgyzstan and ADC Memorial presented the 2016 research and its recommendations "
            "at the OSCE Human Dimension Implementation Meeting.",
        ),
        "outcome": (
            "Рекомендации опубликованы на сайте совещания.",
            "The recommendations were published on the meeting's website.",
        ),
        "organisers": ["fidh", "bir-duino-kyrgyzstan", "adc-memorial"],
        "participants": [("fidh", "co-organiser"), ("bir-duino-kyrgyzstan", "speaker"), ("adc-memorial", "speaker")],
        "addressed": ["kg-ministry-foreign-affairs"],
        "reports": ["women-and-children-from-kyrgyzstan-affected-by-migration"],
        "recommendations": ["ask-sms-information", "ask-consular", "ask-documents", "ask-children-left-behind"],
        "links": [HDIM_LINK],
    },
    {
        "title": (
            "Выступление на HDIM 2017: права трудящихся мигрантов (18 сентября)",
            "HDIM 2017 statement on migrant workers' rights (18 September)",
        ),
        "kind": "statement",
        "starts_on": D(2017, 9, 18),
        "place": "Варшава",
        "country": "PL",
        "forum": "OSCE Human Dimension Implementation Meeting 2017",
        "description": (
            "«Бир Дуйно Кыргызстан» озвучил рекомендации правительству Кыргызстана и принимающим странам — "
            "России и Казахстану — по улучшению положения трудовых мигрантов.",
            "Bir Duino Kyrgyzstan voiced recommendations to the Government of Kyrgyzstan and to the host "
            "countries, Russia and Kazakhstan, on improving labour migrants' situation.",
        ),
        "outcome": ("", ""),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [("bir-duino-kyrgyzstan", "speaker"), ("osce-odihr", "host")],
        "addressed": ["kg-government-office"],
        "reports": ["labour-migrants-in-kazakhstan-without-status-and-rights"],
        "recommendations": ["ask-kaz-registration", "ask-kaz-inspection"],
        "links": [HDIM_LINK],
    },
    {
        "title": (
            "Выступление на HDIM 2017: права трудящихся мигрантов (20 сентября)",
            "HDIM 2017 statement on migrant workers' rights (20 September)",
        ),
        "kind": "statement",
        "starts_on": D(2017, 9, 20),
        "place": "Варшава",
        "country": "PL",
        "forum": "OSCE Human Dimension Implementation Meeting 2017",
        "description": (
            "Второе выступление на совещании 2017 года; в блоках «Терпимость и недискриминация» и "
            "«Экономические, социальные и культурные права» организация представила рекомендации о защите "
            "прав трудящихся мигрантов.",
            "A second statement at the 2017 meeting; in the sessions on tolerance and non-discrimination and "
            "on economic, social and cultural rights the organisation set out recommendations to protect "
            "migrant workers.",
        ),
        "outcome": ("", ""),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [("bir-duino-kyrgyzstan", "speaker"), ("osce-odihr", "host")],
        "addressed": ["kg-government-office"],
        "reports": ["women-and-children-from-kyrgyzstan-affected-by-migration"],
        "recommendations": ["ask-parliament", "cmw-non-discrimination"],
        "links": [HDIM_LINK],
    },
    {
        "title": (
            "Пресс-конференция членских организаций FIDH в «АКИpress»",
            "Press conference of FIDH member organisations at AKIpress",
        ),
        "kind": "press_conference",
        "starts_on": D(2017, 10, 3),
        "place": "Бишкек, информационное агентство «АКИpress»",
        "country": "KG",
        "forum": "",
        "description": (
            "Членские организации FIDH рассказали журналистам о положении трудящихся мигрантов и о "
            "рекомендациях, представленных на совещании ОБСЕ.",
            "FIDH member organisations briefed journalists on migrant workers' situation and on the "
            "recommendations presented at the OSCE meeting.",
        ),
        "outcome": ("", ""),
        "organisers": ["bir-duino-kyrgyzstan", "fidh"],
        "participants": [("bir-duino-kyrgyzstan", "speaker"), ("akipress", "venue and media")],
        "addressed": [],
        "reports": [
            "women-and-children-from-kyrgyzstan-affected-by-migration",
            "labour-migrants-in-kazakhstan-without-status-and-rights",
        ],
        "recommendations": ["ask-consular", "ask-parliament"],
        "links": [],
    },
    {
        "title": (
            "Письма с рекомендациями в Жогорку Кенеш, Президенту и Правительству",
            "Letters with recommendations to the Jogorku Kenesh, the President and the Government",
        ),
        "kind": "letter",
        "starts_on": D(2017, 10, 3),
        "place": "Бишкек",
        "country": "KG",
        "forum": "",
        "description": (
            "Рекомендации о защите прав трудящихся мигрантов направлены Спикеру, лидерам фракций и профильным "
            "комитетам Жогорку Кенеша, Президенту, премьер-министру, министерствам, дипмиссиям и "
            "международным организациям." + APPROXIMATE[0],
            "Recommendations on protecting migrant workers were sent to the Speaker, faction leaders and "
            "committees of the Jogorku Kenesh, the President, the Prime Minister, ministries, diplomatic "
            "missions and international organisations." + APPROXIMATE[1],
        ),
        "outcome": ("", ""),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [],
        "addressed": [
            "kg-jogorku-kenesh",
            "kg-president-office",
            "kg-government-office",
            "kg-ministry-foreign-affairs",
            "kg-state-migration-service",
        ],
        "reports": ["women-and-children-from-kyrgyzstan-affected-by-migration"],
        "recommendations": ["ask-parliament", "ask-sms-information", "ask-children-left-behind", "ask-ombudsman"],
        "links": [],
    },
    {
        "title": (
            "Ознакомительная миссия FIDH в Казахстан: Алматы и Шымкент",
            "FIDH fact-finding mission to Kazakhstan: Almaty and Shymkent",
        ),
        "kind": "fact_finding",
        "starts_on": D(2017, 9, 4),
        "ends_on": D(2017, 9, 9),
        "place": "Алматы, Шымкент",
        "country": "KZ",
        "forum": "",
        "description": (
            "Миссия FIDH с участием «Бир Дуйно Кыргызстан» изучала соблюдение трудовых прав мигрантов из "
            "Кыргызстана в Казахстане: рабочие встречи и интервью с госорганами, профсоюзами, НПО, "
            "активистами и мигрантами.",
            "An FIDH mission, joined by Bir Duino Kyrgyzstan, looked at how the labour rights of migrants "
            "from Kyrgyzstan are respected in Kazakhstan: meetings and interviews with state bodies, trade "
            "unions, NGOs, activists and migrants.",
        ),
        "outcome": ("", ""),
        "organisers": ["fidh"],
        "participants": [("fidh", "mission lead"), ("bir-duino-kyrgyzstan", "mission member")],
        "addressed": ["kz-ministry-labour", "kz-ministry-internal-affairs"],
        "reports": [],
        "recommendations": ["kaz-labour-inspection", "kaz-trafficking"],
        "links": [],
    },
    {
        "title": ("Ознакомительная миссия FIDH: Бишкек", "FIDH fact-finding mission: Bishkek"),
        "kind": "fact_finding",
        "starts_on": D(2017, 9, 11),
        "ends_on": D(2017, 9, 15),
        "place": "Бишкек",
        "country": "KG",
        "forum": "",
        "description": (
            "Бишкекская часть миссии FIDH: встречи с госорганами, профсоюзами, НПО и мигрантами.",
            "The Bishkek leg of the FIDH mission: meetings with state bodies, trade unions, NGOs and migrants.",
        ),
        "outcome": ("", ""),
        "organisers": ["fidh"],
        "participants": [("fidh", "mission lead"), ("bir-duino-kyrgyzstan", "mission member")],
        "addressed": ["kg-state-migration-service", "kg-ministry-foreign-affairs"],
        "reports": [],
        "recommendations": ["cmw-consular", "cescr-bilateral"],
        "links": [],
    },
    {
        "title": (
            "Экспертная встреча «Гражданское движение за равенство и недискриминацию в Кыргызстане»",
            'Expert meeting "Civil movement for equality and non-discrimination in Kyrgyzstan"',
        ),
        "kind": "expert_meeting",
        "starts_on": D(2017, 10, 4),
        "place": "Бишкек",
        "country": "KG",
        "forum": "",
        "description": (
            "Экспертная встреча о совместной работе гражданского общества против дискриминации; по её "
            "итогам принят итоговый документ.",
            "An expert meeting on joint civil-society work against discrimination, which closed with an "
            "outcome document.",
        ),
        "outcome": ("Принят итоговый документ встречи.", "The meeting adopted an outcome document."),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [("bir-duino-kyrgyzstan", "organiser")],
        "addressed": [],
        "reports": [],
        "recommendations": ["cmw-non-discrimination"],
        "links": [
            (
                "http://birduino.kg/ru/prensa/642-itogovyj-dokument-grazhdanskoe-dvizhenie-za-ravenstvo-i-"
                "nediskriminatsiyu-v-kyrgyzstane-ekspertnaya-vstrecha-4-oktyabrya-2017-g-bishkek",
                "Bir Duino",
            )
        ],
    },
    {
        "title": (
            "Тренинг «Защита основополагающих трудовых прав с использованием международных механизмов»",
            'Training "Protecting fundamental labour rights through international mechanisms"',
        ),
        "kind": "training",
        "starts_on": D(2017, 6, 1),
        "place": "Алматы",
        "country": "KZ",
        "forum": "",
        "description": (
            "По рекомендации «Бир Дуйно Кыргызстан» в тренинге участвовали три представителя Платформы."
            + APPROXIMATE[0],
            "On Bir Duino Kyrgyzstan's recommendation, three Platform representatives took part." + APPROXIMATE[1],
        ),
        "outcome": ("", ""),
        "organisers": [],
        "participants": [("bir-duino-kyrgyzstan", "participants' nominator")],
        "addressed": [],
        "reports": [],
        "recommendations": [],
        "links": [],
    },
    {
        "title": ("Тренинг для тренеров по горизонтальному лидерству", "Training of trainers on horizontal leadership"),
        "kind": "training",
        "starts_on": D(2017, 6, 1),
        "place": "Бишкек",
        "country": "KG",
        "forum": "",
        "description": (
            "Тренинг для тренеров сети «Women's Learning Partnership» и «Бир Дуйно Кыргызстан»; эксперты и "
            "члены Платформы участвовали в тренингах в Бейруте и Бишкеке." + APPROXIMATE[0],
            "A training of trainers by the Women's Learning Partnership and Bir Duino Kyrgyzstan; Platform "
            "experts and members took part in the Beirut and Bishkek courses." + APPROXIMATE[1],
        ),
        "outcome": ("", ""),
        "organisers": ["womens-learning-partnership", "bir-duino-kyrgyzstan"],
        "participants": [("womens-learning-partnership", "trainer"), ("bir-duino-kyrgyzstan", "co-organiser")],
        "addressed": [],
        "reports": [],
        "recommendations": [],
        "links": [],
    },
    {
        # Members only, for the access tests: an internal planning meeting.
        "title": (
            "Координационный комитет: приоритеты и стратегический план",
            "Coordinating Committee: priorities and strategic plan",
        ),
        "kind": "roundtable",
        "starts_on": D(2017, 12, 1),
        "place": "Бишкек",
        "country": "KG",
        "forum": "",
        "description": (
            "Внутренняя встреча членов Платформы: задачи и приоритеты на следующий период, ответственность "
            "членов Координационного комитета, стратегический план и адвокационные кампании на местном и "
            "национальном уровнях." + APPROXIMATE[0],
            "An internal meeting of Platform members: goals and priorities for the next period, the "
            "Coordinating Committee's responsibilities, a strategic plan and advocacy campaigns at local and "
            "national level." + APPROXIMATE[1],
        ),
        "outcome": ("", ""),
        "organisers": ["bir-duino-kyrgyzstan"],
        "participants": [("bir-duino-kyrgyzstan", "chair"), ("mehr-shavkat", "member")],
        "addressed": [],
        "reports": ["activity-report-2015-2017-draft"],
        "recommendations": [],
        "links": [],
        "visibility": "members",
    },
]

# --- Partnerships: organisation, partner, kind, since, (description ru, description en) ------------
PARTNERSHIPS = [
    ("bir-duino-kyrgyzstan", "caritas-france", "cooperation", None, (
        "«Бир Дуйно Кыргызстан» помог эксперту Каритас Франс встретиться с членами Платформы в Бишкеке и "
        "регионах; теперь Каритас Франс и несколько членов Платформы ведут совместные проекты.",
        "Bir Duino Kyrgyzstan helped a Caritas France expert meet Platform members in Bishkek and the "
        "regions; Caritas France and several Platform members now run joint projects.")),
    ("fidh", "adc-memorial", "joint_research", D(2016, 3, 1), (
        "Совместное исследование 2016 года о женщинах и детях из Кыргызстана, вовлечённых в миграцию.",
        "Joint 2016 research on women and children from Kyrgyzstan affected by migration.")),
    ("fidh", "bir-duino-kyrgyzstan", "network", None, (
        "«Бир Дуйно Кыргызстан» — членская организация FIDH.",
        "Bir Duino Kyrgyzstan is a member organisation of FIDH.")),
    ("bir-duino-kyrgyzstan", "mehr-shavkat", "joint_research", D(2016, 3, 1), (
        "«Мехр Шавкат» активно участвовал в исследовании 2016 года.",
        "Mehr Shavkat took an active part in the 2016 research.")),
    ("bir-duino-kyrgyzstan", "adc-memorial", "joint_research", None, (
        "Совместный альтернативный доклад в КТМ 2015 года.",
        "Joint 2015 alternative report to the CMW.")),
    ("bir-duino-kyrgyzstan", "international-legal-initiative", "joint_research", None, (
        "Совместный альтернативный доклад 2015 года об обязательствах Казахстана.",
        "Joint 2015 alternative report on Kazakhstan's obligations.")),
    ("bir-duino-kyrgyzstan", "public-position", "joint_research", None, (
        "Совместный альтернативный доклад 2015 года об обязательствах Казахстана.",
        "Joint 2015 alternative report on Kazakhstan's obligations.")),
    ("bir-duino-kyrgyzstan", "womens-learning-partnership", "training", None, (
        "Совместные тренинги для тренеров по горизонтальному лидерству.",
        "Joint training-of-trainers courses on horizontal leadership.")),
    ("platform", "bir-duino-kyrgyzstan", "network", None, (
        "«Бир Дуйно Кыргызстан» — член Платформы.", "Bir Duino Kyrgyzstan is a member of the Platform.")),
    ("platform", "mehr-shavkat", "network", None, (
        "«Мехр Шавкат» — член Платформы.", "Mehr Shavkat is a member of the Platform.")),
]  # fmt: skip

# username, first name, last name, organisation slug, role
USERS = [
    ("coordinator", "Demo", "Coordinator", "bir-duino-kyrgyzstan", "coordinator"),
    ("member", "Demo", "Member", "bir-duino-kyrgyzstan", "member"),
    ("other_member", "Demo", "Other member", "mehr-shavkat", "member"),
]
