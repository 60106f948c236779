"""Kyrgyz in Chromium (issue 13): a visitor switches from Russian to Kyrgyz and back with the keyboard only,
and the Kyrgyz pages pass the same accessibility checks as the others. Screenshots of each step."""

import pytest

from recommendations.models import Recommendation
from reports.models import Report
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# Form controls without a name a screen reader can read, images without a text, and the headings.
ACCESSIBILITY_PROBLEMS = """() => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const named = (el) => el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
    || el.getAttribute("title");
  const problems = [];
  document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((el) => {
    if (visible(el) && !named(el)) problems.push(`unlabelled ${el.tagName} ${el.name}`);
  });
  document.querySelectorAll("img:not([alt]), svg[role=img]:not([aria-label]):not([aria-labelledby])")
    .forEach((el) => problems.push(`image without a text: ${el.outerHTML.slice(0, 60)}`));
  document.querySelectorAll("button, a[href]").forEach((el) => {
    const empty = !el.innerText.trim() && !el.getAttribute("aria-label");
    if (visible(el) && empty) problems.push(`empty ${el.outerHTML.slice(0, 60)}`);
  });
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  if (document.documentElement.lang !== "ky") problems.push(`lang=${document.documentElement.lang}`);
  return problems;
}"""


def tab_to(page, text, *, limit=40):
    """Press Tab until the focused element reads ``text``, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText.trim()") == text:
            return
    raise AssertionError(f"{text!r} is not reachable with the Tab key")


@pytest.mark.parametrize(("size_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"])
def test_switch_to_kyrgyz_and_back_with_the_keyboard(
    live_server, page, demo_password, console_errors, screenshot, size_name, viewport
):
    page.set_viewport_size(viewport)
    report = Report.objects.published().order_by("-published_on").first()
    path = report.get_absolute_url()

    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "ru"
    tab_to(page, "Кыргызча")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    screenshot(page, f"kyrgyz-01-switcher-focused-{size_name}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/ky{path}"
    assert page.locator("html").get_attribute("lang") == "ky"
    assert page.locator(".language-current").inner_text() == "Кыргызча"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"kyrgyz-02-report-{size_name}")

    # Links keep the language: the section list is Kyrgyz too.
    page.goto(f"{live_server.url}/ky/reports/")
    assert page.locator("html").get_attribute("lang") == "ky"
    screenshot(page, f"kyrgyz-03-reports-{size_name}")

    page.goto(f"{live_server.url}/ky{path}")
    tab_to(page, "Русский")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}{path}"
    assert page.locator("html").get_attribute("lang") == "ru"
    screenshot(page, f"kyrgyz-04-back-to-russian-{size_name}")
    assert console_errors == []


def test_kyrgyz_pages_pass_the_accessibility_checks(live_server, page, demo_password, console_errors, screenshot):
    page.set_viewport_size(DESKTOP)
    recommendation = Recommendation.objects.public().order_by("pk").first()
    problems = []
    for path in ("/", "/reports/", "/recommendations/", recommendation.get_absolute_url(), "/advocacy/", "/partners/",
                 "/calendar/", "/search/?q=мигрант", "/accounts/login/"):  # fmt: skip
        page.goto(f"{live_server.url}/ky{path}")
        problems += [(path, problem) for problem in page.evaluate(ACCESSIBILITY_PROBLEMS)]
        name = path.strip("/").split("?")[0].replace("/", "-") or "home"
        screenshot(page, f"kyrgyz-page-{name}")
    assert problems == []
    # The skip link comes first and the focus is visible, as on the Russian and English pages.
    page.goto(f"{live_server.url}/ky/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert console_errors == []
