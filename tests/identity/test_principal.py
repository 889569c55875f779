from auroranet.identity.principal import Principal, Role, principal_of, sign_in, sign_out
from auroranet.web.session import WebSession


def test_roles_cover_their_scope_only() -> None:
    county = {"564": "17", "091": "90"}.get
    p = Principal("s1", "staff", roles=(Role("analyst", "county:17"),))
    assert p.can("analyst", "municipality:564", county)
    assert not p.can("analyst", "municipality:091", county)
    assert not p.can("provider_staff", "organisation:x")
    admin = Principal("s2", "staff", roles=(Role("admin", "national"),))
    assert admin.can("analyst", "municipality:091", county)


def test_sign_in_rotates_the_session_id_and_round_trips() -> None:
    s = WebSession({"lang": "fi"}, sid="a" * 43, stored=True, secret="x" * 32)
    sign_in(s, Principal("s1", "person", display_name="Maija"))
    assert s.sid != "a" * 43 and s.retired == "a" * 43 and s["lang"] == "fi"
    got = principal_of(s)
    assert got is not None and got.subject == "s1" and got.kind == "person"
    sign_out(s)
    assert principal_of(s) is None


def test_a_tampered_principal_is_ignored() -> None:
    assert principal_of({"principal": {"subject": "x", "kind": "root"}}) is None
    assert principal_of({"principal": "staff"}) is None
