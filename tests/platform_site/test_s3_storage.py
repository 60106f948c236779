"""Uploads in S3-compatible storage (MEDIA_STORAGE=s3) are private and still served only through the views
that ask who may see them.

An S3-compatible server runs locally: moto's server mode (``moto_server``, from requirements-dev.txt), on a
free port of 127.0.0.1, started once for the module. The storage's options are the ones the settings build
from the environment (read in a fresh process), so the test checks the settings' block as well.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from recommendations.models import Status, StatusAssessment
from tests.members_support import PDF_BYTES, form_token, pdf_file
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "portal-test-key", "AWS_SECRET_ACCESS_KEY": "portal-test-secret"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    executable = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    if not Path(executable).exists():
        pytest.skip("moto_server is missing: pip install -r requirements-dev.txt (moto[server]).")
    port = free_port()
    process = subprocess.Popen(
        [executable, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def storage_from_settings(endpoint, bucket):
    """STORAGES['default'] as the settings make it from MEDIA_STORAGE=s3 and the usual variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        DJANGO_SETTINGS_MODULE="platform_site.settings",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        **CREDENTIALS,
    )
    script = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def bucket(settings, s3_endpoint):
    import boto3

    name = f"portal-test-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    storage = storage_from_settings(s3_endpoint, name)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["default_acl"] == "private" and storage["OPTIONS"]["querystring_auth"] is True
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client, name


@pytest.fixture
def proposed_with_evidence(client_for, member, bucket):
    """A member proposes an assessment with a PDF through the dossier's form (not public: a proposal)."""
    recommendation = RecommendationFactory(is_public=True)
    url = reverse("recommendations:assess", kwargs={"pk": recommendation.pk})
    client = client_for(member)
    response = client.post(
        url,
        {
            "status": Status.IN_PROGRESS,
            "assessed_on": "2016-05-01",
            "evidence": "The ministry's letter on the programme for migrants' children.",
            "source_url": "",
            "source_file": pdf_file("ministry-letter.pdf"),
            "form_token": form_token(client.get(url)),
        },
    )
    assert response.status_code == 302
    return StatusAssessment.objects.get(recommendation=recommendation)


def test_an_uploaded_file_is_a_private_object_in_the_bucket(proposed_with_evidence, bucket):
    client, name = bucket
    assessment = proposed_with_evidence
    assert assessment.state == StatusAssessment.State.PROPOSED
    (obj,) = client.list_objects_v2(Bucket=name)["Contents"]
    assert obj["Key"] == assessment.source_file.name
    assert obj["Key"].startswith("evidence/") and obj["Key"].endswith(".pdf")
    assert client.get_object(Bucket=name, Key=obj["Key"])["Body"].read() == PDF_BYTES
    grants = client.get_object_acl(Bucket=name, Key=obj["Key"])["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all("URI" not in grant["Grantee"] for grant in grants), "no AllUsers / AuthenticatedUsers grant"
    assert not (Path(django_settings.MEDIA_ROOT) / obj["Key"]).exists(), "nothing written to the local disk"


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 404), ("other_member", 404), ("member", 200), ("coordinator", 200)]
)
def test_the_file_is_served_from_the_bucket_only_to_who_may_see_it(
    client_for, people, proposed_with_evidence, person, expected
):
    response = client_for(people[person]).get(proposed_with_evidence.get_file_url())
    assert response.status_code == expected
    if expected == 200:
        assert response.streaming
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_object_is_a_404_not_an_error(client_for, coordinator, proposed_with_evidence, bucket):
    client, name = bucket
    client.delete_object(Bucket=name, Key=proposed_with_evidence.source_file.name)
    assert client_for(coordinator).get(proposed_with_evidence.get_file_url()).status_code == 404


def test_no_page_shows_a_bucket_url(client_for, coordinator, proposed_with_evidence, bucket, s3_endpoint):
    _, name = bucket
    page = client_for(coordinator).get(reverse("members:review")).content.decode()
    assert proposed_with_evidence.get_file_url() in page
    for leak in (s3_endpoint, "127.0.0.1:", name, "X-Amz-", "AWSAccessKeyId"):
        assert leak not in page
    # Even a URL asked of the storage directly is signed and expires: the bucket is never public.
    assert "X-Amz-Signature=" in proposed_with_evidence.source_file.url
