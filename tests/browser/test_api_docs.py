"""The API documentation page in a real browser: Swagger UI from the portal's own files, within the CSP."""

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def test_the_schema_browser_renders_under_the_csp(live_server, page, console_errors, screenshot):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + "/en/api/")
    assert response.status == 200
    # One tag section per resource once Swagger UI has read the schema (a CSP refusal would leave none).
    page.locator(".swagger-ui .opblock-tag").first.wait_for(timeout=30_000)
    screenshot(page, "api-docs-phone")
    assert page.locator(".swagger-ui .opblock-tag").count() >= 10
    assert page.locator(".swagger-ui .errors-wrapper").count() == 0
    assert console_errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
