#!/usr/bin/env python3
"""Checks an accord bundle (GET /api/v1/accords/{id}/bundle) with none of Comune's code: RFC 8785
canonical JSON from the `rfc8785` package, SHA-256 from hashlib, Ed25519 from `cryptography`,
and each proof also through `apsig`'s ProofVerifier (another FEP-8b32 implementation).

    verify_bundle.py BUNDLE.json

Prints one line per check and exits 0 only when every check passes (1 otherwise).
"""

import copy
import hashlib
import json
import sys
from datetime import datetime

import rfc8785
from apsig.proof import ProofVerifier
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB = b"\xed\x01"


def base58btc(text):
    """Decodes a multibase base58btc string ('z' + Bitcoin's base58)."""
    if not text.startswith("z"):
        raise ValueError("not base58btc multibase")
    number = 0
    for char in text[1:]:
        number = number * 58 + ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text[1:]) - len(text[1:].lstrip("1"))
    return b"\x00" * zeros + body


def public_key(multibase):
    raw = base58btc(multibase)
    if not raw.startswith(ED25519_PUB) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def verify_proof(document, proof, key):
    """vc-di-eddsa eddsa-jcs-2022: sign(SHA-256(JCS(options)) || SHA-256(JCS(document)))."""
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    data = hashlib.sha256(rfc8785.dumps(options)).digest()
    data += hashlib.sha256(rfc8785.dumps(document)).digest()
    key.verify(base58btc(proof["proofValue"]), data)


def main(path):
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    results = []

    def check(ok, what):
        results.append(ok)
        print(("ok      " if ok else "FAILED  ") + what)

    documents = {}
    previous = None
    for i, version in enumerate(bundle["versions"], start=1):
        canonical = version["canonical"]
        document = json.loads(canonical)
        intact = (
            hashlib.sha256(canonical.encode("utf-8")).hexdigest() == version["hash"]
            and rfc8785.dumps(document).decode("utf-8") == canonical
            and version["number"] == i
            and document.get("version") == i
            and document.get("accord") == bundle["accord"]["id"]
            and document.get("previousHash") == previous
        )
        check(intact, f"version {i}: hash, canonical form and chain")
        if intact:
            documents[i] = document
        previous = version["hash"]

    keys = {k["id"]: k for k in bundle["keys"]}
    for n, signature in enumerate(bundle["signatures"], start=1):
        proof = signature["proof"]
        key = keys.get(proof.get("verificationMethod"))
        document = documents.get(signature["version"])
        label = f"signature {n} by {signature['signatory'].get('id')}"
        if key is None or document is None:
            check(False, f"{label}: its key or version is missing")
            continue
        signed = copy.deepcopy(document)
        signed["signatory"] = signature["signatory"]
        created = when(proof["created"])
        in_time = when(key["created_at"]) <= created and (
            key["revoked_at"] is None or created < when(key["revoked_at"])
        )
        check(
            in_time and key["controller"] == signature["signatory"].get("id"),
            f"{label}: the key is the signatory's and was valid when it signed",
        )
        try:
            verify_proof(signed, proof, public_key(key["public_key_multibase"]))
            check(True, f"{label}: Ed25519 over RFC 8785 (cryptography)")
        except (InvalidSignature, ValueError) as e:
            check(False, f"{label}: Ed25519 over RFC 8785 (cryptography): {e or 'invalid'}")
        try:
            secured = copy.deepcopy(signed)
            secured["proof"] = copy.deepcopy(proof)
            method = ProofVerifier(key["public_key_multibase"]).verify_proof(
                secured, raise_on_fail=True
            )
            check(method == key["id"], f"{label}: apsig ProofVerifier")
        except Exception as e:  # apsig raises several kinds; any is a failure here
            check(False, f"{label}: apsig ProofVerifier: {type(e).__name__} {e}")

    if not results:
        check(False, "nothing to check")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
