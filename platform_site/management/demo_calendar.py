"""The review calendar's demo content: Kyrgyzstan's reviews and deadlines as far as checked facts allow.

Only dates read in a public UN source are entered (see the project's facts file); a date known to the
month or the year only says so (``precision``). The follow-up due date of CMW's 2023 review is not read
from a source: load_demo computes it by the committee's two-year rule, counted from the session's last
day, and marks it computed. No follow-up paragraph or committee grade is entered: the sources checked do
not name them. Kazakhstan's review dates were not in the checked sources, so none are entered.
"""

import datetime

D = datetime.date

# The day the facts below were checked against their sources.
CHECKED_ON = D(2026, 11, 30)

TB_KGZ = "https://tbinternet.ohchr.org/_layouts/15/TreatyBodyExternal/Countries.aspx?CountryCode=KGZ&Lang=EN"
UPR_KGZ = "https://www.ohchr.org/en/hr-bodies/upr/kg-index"

# Months a state has to answer on the follow-up paragraphs, by mechanism (other treaty bodies: 12).
FOLLOW_UP_RULES = [("CMW", 24), ("CEDAW", 24), ("CESCR", 12), ("CCPR", 12), ("CERD", 12), ("CAT", 12)]

# ref → mechanism, state, review date, precision, session (ru, en), session start/end, symbol,
#       recorded review (demo_content.REVIEWS ref), previous review ref, source, notes (ru, en)
CYCLE_REVIEWS = {
    "cmw-kgz-2015": {
        "mechanism": "CMW", "state": "KG", "review_on": D(2015, 4, 1), "precision": "month",
        "session": ("", ""), "starts_on": None, "ends_on": None, "symbol": "",
        "review": "cmw-kgz-2015", "previous": None, "source_url": TB_KGZ,
        "notes": ("Рассмотрение первоначального доклада Кыргызстана.", "Consideration of Kyrgyzstan's initial report."),
    },
    "cescr-kgz-2015": {
        "mechanism": "CESCR", "state": "KG", "review_on": D(2015, 1, 1), "precision": "year",
        "session": ("", ""), "starts_on": None, "ends_on": None, "symbol": "E/C.12/KGZ/CO/2-3",
        "review": "cescr-kgz-2015", "previous": None, "source_url": "https://undocs.org/E/C.12/KGZ/CO/2-3",
        "notes": ("Заключительные замечания по второму и третьему докладам.",
                  "Concluding observations on the second and third reports."),
    },
    "upr-kgz-2015": {
        "mechanism": "UPR", "state": "KG", "review_on": D(2015, 1, 1), "precision": "year",
        "session": ("", ""), "starts_on": None, "ends_on": None, "symbol": "A/HRC/29/4",
        "review": "upr-kgz-2015", "previous": None, "source_url": "https://undocs.org/A/HRC/29/4",
        "notes": ("Второй цикл: доклад Рабочей группы; Кыргызстан получил 201 рекомендацию.",
                  "Second cycle: the Working Group's report; Kyrgyzstan received 201 recommendations."),
    },
    "cmw-kgz-2023": {
        "mechanism": "CMW", "state": "KG", "review_on": D(2023, 11, 30), "precision": "day",
        "session": ("37-я сессия", "37th session"), "starts_on": D(2023, 11, 27), "ends_on": D(2023, 12, 8),
        "symbol": "", "review": None, "previous": "cmw-kgz-2015", "source_url": TB_KGZ,
        "notes": ("Второй периодический доклад Кыргызстана; диалог с делегацией завершился 30 ноября 2023 года.",
                  "Kyrgyzstan's second periodic report; the dialogue with the delegation closed on 30 November 2023."),
    },
    "cescr-kgz-2024": {
        "mechanism": "CESCR", "state": "KG", "review_on": D(2024, 10, 1), "precision": "month",
        "session": ("", ""), "starts_on": None, "ends_on": None, "symbol": "E/C.12/KGZ/CO/4",
        "review": None, "previous": "cescr-kgz-2015", "source_url": "https://undocs.org/E/C.12/KGZ/CO/4",
        "notes": ("Четвёртый периодический доклад.", "Fourth periodic report."),
    },
    "upr-kgz-2025": {
        "mechanism": "UPR", "state": "KG", "review_on": D(2025, 4, 28), "precision": "day",
        "session": ("49-я сессия Рабочей группы", "Working Group, 49th session"), "starts_on": None,
        "ends_on": None, "symbol": "", "review": None, "previous": None, "source_url": UPR_KGZ,
        "notes": ("Четвёртый цикл УПО (ноябрь 2022 — начало 2027 года). Среднесрочные доклады добровольны. "
                  "Третий обзор (2020 год, 232 рекомендации) в портал ещё не внесён.",
                  "Fourth UPR cycle (November 2022 to early 2027). Mid-term reports are voluntary. The third "
                  "review (2020, 232 recommendations) is not yet recorded in the portal."),
    },
}  # fmt: skip

# cycle ref, kind, due date, precision, (title ru, title en), source
DEADLINES = [
    ("cmw-kgz-2023", "list_of_issues", D(2022, 5, 3), "day",
     ("Перечень вопросов до представления доклада CMW/C/KGZ/QPR/2",
      "List of issues prior to reporting CMW/C/KGZ/QPR/2"),
     "https://undocs.org/CMW/C/KGZ/QPR/2"),
]  # fmt: skip
