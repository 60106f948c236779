"""Schemathesis against the OpenAPI schema: every operation and parameter, no 500, answers that conform.

Property-based, deterministic (derandomize) and bounded (max_examples), so it runs in seconds in CI.
The data holds public and hidden records (tests/api/conftest.py); whatever the generated input, no
answer may carry a hidden one.

The schema is loaded from the WSGI app inside the test (it reads the test database for the filters'
choices) and each operation's Hypothesis strategy is run with ``@given``: schemathesis' own pytest
loader (``from_fixture``) relies on a pytest internal that pytest 9 no longer has.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import checks

from tests.api.conftest import SECRET

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 15


@pytest.fixture
def keep_test_connection():
    """A real WSGI call closes "old" database connections when it ends, the test's own included (on
    PostgreSQL, inside its transaction); Django's test client disconnects that handler, so do we."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms_to_the_schema(open_data, settings, keep_test_connection):
    settings.API_ANON_RATE = "100000/minute"  # schemathesis calls far faster than a person
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 27  # thirteen resources, a list and a detail each, and the dumps

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def call(case):
            response = case.call_and_validate(checks=CHECKS)
            assert SECRET not in response.text, case.as_curl_command()

        call()
