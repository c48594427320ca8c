import time

import pytest

from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.reports.federation import signing
from gonghui.reports.federation.models import FederationNonce
from gonghui.reports.federation.services import peer_register, peer_set_active
from gonghui.reports.tests.federation_helpers import SYSTEM, act_as, keys, registered

pytestmark = pytest.mark.django_db
PATH = "/api/v1/federation/figures"
BODY = signing.canonical_json({"deployment": "510000", "figures": []})


def _verify(headers, body=BODY, path=PATH, method="POST"):
    return signing.verify(method=method, path=path, headers=headers, body=body)


def _refused(code, **kwargs):
    with pytest.raises(signing.FederationRefused) as caught:
        _verify(**kwargs)
    assert caught.value.code == code and caught.value.status == 401
    return caught.value


def test_a_message_signed_by_a_registered_deployment_is_accepted_once(settings):
    k, peer = registered()
    act_as(settings, k)
    headers = signing.sign(method="POST", path=PATH, body=BODY)
    assert _verify(headers) == peer
    assert FederationNonce.objects.filter(code="510000", nonce=headers[signing.H_NONCE]).exists()
    _refused("replayed_nonce", headers=headers)


def test_it_refuses_a_tampered_body(settings):
    k, _peer = registered()
    act_as(settings, k)
    headers = signing.sign(method="POST", path=PATH, body=BODY)
    _refused("bad_signature", headers=headers, body=BODY.replace(b"[]", b"[1]"))


def test_it_refuses_a_message_moved_to_another_path_or_method(settings):
    k, _peer = registered()
    act_as(settings, k)
    headers = signing.sign(method="POST", path=PATH, body=BODY)
    _refused("bad_signature", headers=headers, path="/api/v1/federation/transfers")
    _refused("bad_signature", headers=headers, method="PUT")


def test_it_refuses_a_message_signed_with_another_key_than_the_registered_one(settings):
    registered()
    act_as(settings, keys("510000"))  # same code, a key nobody registered
    _refused("bad_signature", headers=signing.sign(method="POST", path=PATH, body=BODY))


def test_it_refuses_a_timestamp_off_by_more_than_five_minutes_either_way(settings):
    k, _peer = registered()
    act_as(settings, k)
    for skew in (-301, 301):
        _refused("stale_timestamp", headers=signing.sign(method="POST", path=PATH, body=BODY, now=time.time() + skew))
    assert _verify(signing.sign(method="POST", path=PATH, body=BODY, now=time.time() - 240))


def test_it_refuses_an_unknown_or_deactivated_deployment(settings):
    k, _peer = registered()
    act_as(settings, keys("520000"))
    _refused("unknown_deployment", headers=signing.sign(method="POST", path=PATH, body=BODY))
    peer_set_active(actor=SYSTEM, code="510000", active=False)
    act_as(settings, k)
    _refused("unknown_deployment", headers=signing.sign(method="POST", path=PATH, body=BODY))


def test_it_refuses_missing_or_malformed_headers(settings):
    k, _peer = registered()
    act_as(settings, k)
    good = signing.sign(method="POST", path=PATH, body=BODY)
    for name, bad in ((signing.H_SIGNATURE, ""), (signing.H_SIGNATURE, "not base64!"), (signing.H_NONCE, "short"),
                      (signing.H_TIMESTAMP, "yesterday"), (signing.H_DEPLOYMENT, "51")):
        _refused("signature_missing", headers={**good, name: bad})
    assert not FederationNonce.objects.exists()  # refused before the nonce is spent


def test_old_nonces_are_pruned_and_fresh_ones_kept(settings):
    from datetime import timedelta

    from django.utils import timezone

    FederationNonce.objects.create(code="510000", nonce="a" * 20, seen_at=timezone.now() - timedelta(minutes=16))
    FederationNonce.objects.create(code="510000", nonce="b" * 20)
    assert signing.nonces_prune() == 1
    assert list(FederationNonce.objects.values_list("nonce", flat=True)) == ["b" * 20]


def test_only_the_system_registers_a_deployment_and_a_bad_key_is_named(world):
    with pytest.raises(PermissionDenied):
        peer_register(actor=world.national_admin, code="510000", name="四川", public_key=keys("510000").public)
    with pytest.raises(ValidationFailed) as caught:
        peer_register(actor=SYSTEM, code="510000", name="四川", public_key="bm90IGEga2V5")
    assert caught.value.field == "public_key"
    with pytest.raises(ValidationFailed) as caught:
        peer_register(actor=SYSTEM, code="51", name="四川", public_key=keys("510000").public)
    assert caught.value.field == "code"


def test_a_pem_public_key_is_accepted_as_the_operator_pastes_it():
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

    k = keys("510000")
    pem = load_pem_private_key(k.pem.encode(), None).public_key().public_bytes(
        Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    assert signing.parse_public_key(pem) == k.public


def test_an_unsigned_body_too_large_to_read_is_refused_for_its_missing_signature_unread(world, settings):
    from django.test import Client

    body = b'{"figures":[' + b"0," * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2) + b"0]}"
    answer = Client().post("/api/v1/federation/figures", body, content_type="application/json")
    assert answer.status_code == 401 and answer.json()["code"] == "signature_missing"
