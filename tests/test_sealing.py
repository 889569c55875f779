"""One AES-GCM sealer (auroranet.sealing) under five callers: payloads sealed by the code each caller had
before the sealer was shared (fixed vectors, produced by that code) still open, and the failure contract."""

from __future__ import annotations

import base64

import pytest

from auroranet.config import Settings
from auroranet.identity import personcode
from auroranet.profile import sealing as profile_sealing
from auroranet.referrals import crypto
from auroranet.sealing import Box, SealError, derive_key
from auroranet.wallet import codes
from auroranet.web import session as web_session

ST = Settings(subject_key="s" * 40, session_secret="t" * 40)
SECRET = "t" * 40
# Sealed with the pre-refactor code (referrals.crypto.Sealer, profile/sealing.py, identity/personcode.py,
# web/session.py, wallet/codes.py of commit ebc366e) under the settings above.
REFERRAL = "CboVmTkThFml62LTj1J9Sl1z9O0atdoliLMBxgB3fX1MPRcTf9tqfAq0gpflZyyeYFvOuQ=="
LIVECHAT = "DRuKr7wi66tPVY+L3AdILpo0mfPbzBN0OGbBzxfMBUhGvEXNVLVjRsWc"
PROFILE = "+6CTPskiuqS1XBvaYFZUH0cIgzhbI7lwCS3qF0v34p2wktw5cQAH7WA8fIPlFePHSCZU7wWpK2VIOXePTVU="
PERSON_CODE = "1N8f2p/mqilvjl6DQXjckdsLY6/CADZ8YGQKsMgSJd7qCiAl73qd"
WEB = "ybtwuE6C9velzs3t0hxngOsU/wCHDbwLiHsuYMHm9/DnmrD0/fRS3euP1u7WYZ8uZ1KXj5NGkIRN1W6i"
RESULT_CODE = "We0A99uMVi/JwnYz2kMzWoQAbauraNfClPVPupm+v/n4yAtKSQ=="
CONTACT = "faa7h/NnpxOMdz7PbMgemIFNmcGRMKtmPkUvMfXaaFd/UKtkKVVWateG5oU="


def test_rows_sealed_before_the_shared_sealer_still_open() -> None:
    assert crypto.open_or_empty(crypto.sealer_of(SECRET), REFERRAL, aad="r1") == {"message": "Hei, äiti"}
    from auroranet.livechat.service import SEAL_PURPOSE
    assert Box.derive(SECRET, SEAL_PURPOSE).open(LIVECHAT, aad="livechat:p1:7") == {"text": "moi"}
    assert profile_sealing.unseal(ST, "subj-a", PROFILE) == {"meters": {"health": 7.5}, "age": 30}
    assert personcode.take({personcode.SESSION_KEY: PERSON_CODE}, ST, "subj-a") == "010101-123N"
    assert web_session.unseal(WEB, SECRET, "A" * 43) == {"lang": "fi", "answers": {"q1": 3}}
    assert web_session.unseal(RESULT_CODE, SECRET, "result-code\0ABCD") == {"q": "x"}
    assert codes.open_contact(CONTACT, SECRET, "T-ABCDEFGH") == "maija@example.fi"


def test_each_purpose_has_its_own_key() -> None:
    keys = {derive_key(SECRET, p) for p in (crypto.PURPOSE, "livechat-aes-gcm-v1", codes.CONTACT_PURPOSE)}
    assert len(keys) == 3 and all(len(k) == 32 for k in keys)
    assert crypto.open_or_empty(Box.derive(SECRET, "livechat-aes-gcm-v1"), REFERRAL, aad="r1") == {}
    assert codes.open_contact(CONTACT, "u" * 40, "T-ABCDEFGH") is None


def test_the_format_is_nonce_then_ciphertext_and_tag() -> None:
    box = Box.derive(SECRET, "x")
    a, b = box.seal_bytes(b"abc", aad="z"), box.seal_bytes(b"abc", aad="z")
    assert a != b  # a fresh nonce each time
    assert len(base64.b64decode(a)) == 12 + 3 + 16
    assert box.open_bytes(a, aad="z") == b"abc"


@pytest.mark.parametrize("payload", [None, "", "not base64!", base64.b64encode(b"short").decode()])
def test_what_is_not_a_sealed_payload_raises_the_typed_error(payload: str | None) -> None:
    with pytest.raises(SealError):
        Box.derive(SECRET, "x").open(payload, aad="z")


def test_tampered_moved_or_non_object_payloads_raise() -> None:
    box = Box.derive(SECRET, "x")
    sealed = box.seal({"a": 1}, aad="row-1")
    with pytest.raises(SealError):
        box.open(sealed, aad="row-2")  # moved to another row
    raw = bytearray(base64.b64decode(sealed))
    raw[-1] ^= 1
    with pytest.raises(SealError):
        box.open(base64.b64encode(bytes(raw)).decode(), aad="row-1")
    with pytest.raises(SealError):
        box.open(box.seal_bytes(b"[1, 2]", aad="row-1"), aad="row-1")
    with pytest.raises(SealError):
        profile_sealing.unseal(ST, "subj-b", PROFILE)  # the profile says so rather than showing it empty


def test_callers_that_show_nothing_catch_the_error() -> None:
    assert web_session.unseal(WEB, SECRET, "B" * 43) is None
    assert personcode.take({personcode.SESSION_KEY: PERSON_CODE}, ST, "subj-b") is None
    assert crypto.open_or_empty(crypto.sealer_of(SECRET), None, aad="r1") == {}
