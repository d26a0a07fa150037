"""Receipts and packs are trusted only when the server key signed exactly these bytes."""

from sync.signing import canonical, generate_private_key, public_key_of, sign_json, verify_json


def test_signature_verifies_and_tampering_fails() -> None:
    key = generate_private_key()
    pub = public_key_of(key)
    obj = {"b": 1, "a": ["x", "é"], "n": None}
    sig = sign_json(obj, key)
    assert verify_json(obj, sig, pub)
    assert verify_json({"a": ["x", "é"], "n": None, "b": 1}, sig, pub)  # key order irrelevant
    assert not verify_json({**obj, "b": 2}, sig, pub)
    assert not verify_json(obj, sig, public_key_of(generate_private_key()))
    assert not verify_json(obj, "not base64!", pub)
    assert not verify_json(obj, sig, "AAAA")


def test_canonical_form() -> None:
    assert canonical({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()
