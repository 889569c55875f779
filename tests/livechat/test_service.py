"""Chats on SQLite and PostgreSQL: queue, the one-winner take (a real race on two connections), scope,
sealed lines, the consent record only with the ticked transcript, closing and retention."""

from __future__ import annotations

import secrets
import threading
from datetime import datetime

import pytest
from sqlalchemy import select, update

from auroranet.consent.models import ConsentRecord
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.livechat import desks
from auroranet.livechat import service as chats
from auroranet.livechat.models import Chat, ChatMessage
from auroranet.runtime import Runtime
from tests.livechat.conftest import add_desk, desk, staff


def _chat(rt: Runtime, transcript: list[dict[str, str]] | None = None) -> tuple[str, str]:
    add_desk(rt, desk())
    cid = secrets.token_urlsafe(32)
    return cid, chats.open_chat(rt, cid=cid, desk=desk(), lang="fi", transcript=transcript)


def test_queue_take_talk_close(lrt: Runtime) -> None:
    cid, pid = _chat(lrt)
    scope, maija = staff("oulu")
    assert [c.public_id for c in chats.queue(lrt, scope, maija)] == [pid]
    assert chats.open_chat(lrt, cid=cid, desk=desk(), lang="fi", transcript=None) == pid  # a retried yes
    chats.person_says(lrt, cid, pid, "Hei, tarvitsen apua")
    chats.take(lrt, pid, staff=maija, scope=scope)
    chats.staff_says(lrt, pid, "Hei! Miten voin auttaa?", staff=maija, scope=scope)
    view = chats.for_staff(lrt, pid, staff=maija, scope=scope)
    assert [(line.author, line.text) for line in view.lines] == [
        ("person", "Hei, tarvitsen apua"), ("system", "taken"), ("staff", "Hei! Miten voin auttaa?")]
    assert view.transcript is None and view.status == "active"
    other = staff("oulu", subject="staff-2")
    assert chats.queue(lrt, *other) == []  # taken: no longer waiting for anyone else
    chats.staff_closes(lrt, pid, staff=maija, scope=scope)
    assert chats.person_says(lrt, cid, pid, "oletko siellä?").status == "closed"  # type: ignore[union-attr]
    with pytest.raises(ConflictError):
        chats.staff_says(lrt, pid, "vielä", staff=maija, scope=scope)
    assert chats.purge(lrt) == 1  # keep_closed_seconds = 0 in the fixture
    with lrt.db.session() as s:
        assert s.scalars(select(ChatMessage)).first() is None


def test_lines_are_sealed_at_rest(lrt: Runtime) -> None:
    cid, pid = _chat(lrt, transcript=[{"who": "person", "text": "asumistuki Oulussa"}])
    chats.person_says(lrt, cid, pid, "salainen asia 12345")
    with lrt.db.session() as s:
        bodies = " ".join(m.body_enc for m in s.scalars(select(ChatMessage)))
        row = s.scalars(select(Chat)).one()
        assert "12345" not in bodies and "salainen" not in bodies
        assert row.transcript_enc and "asumistuki" not in row.transcript_enc
        assert row.conversation_hash != cid and cid not in row.conversation_hash
        sealed_transcript = row.transcript_enc
    scope, maija = staff("oulu")
    chats.take(lrt, pid, staff=maija, scope=scope)
    assert chats.for_staff(lrt, pid, staff=maija, scope=scope).lines[0].text == "salainen asia 12345"
    with lrt.writes, lrt.db.session() as s:  # a sealed value moved to another place does not open there
        s.execute(update(ChatMessage).values(body_enc=sealed_transcript))
    assert chats.for_staff(lrt, pid, staff=maija, scope=scope).lines[0].text == ""


def test_consent_record_only_with_the_transcript(lrt: Runtime) -> None:
    _chat(lrt)
    with lrt.db.session() as s:
        assert s.scalars(select(ConsentRecord)).first() is None
    cid, pid = secrets.token_urlsafe(32), None
    pid = chats.open_chat(lrt, cid=cid, desk=desk(), lang="sv", transcript=[{"who": "bot", "text": "Hej!"}])
    with lrt.db.session() as s:
        rec = s.scalars(select(ConsentRecord)).one()
        chat = s.scalars(select(Chat).where(Chat.public_id == pid)).one()
        assert rec.id == chat.consent_id and rec.recipient_id == "org:oulu" and rec.method == "livechat:oulu-chat"
    scope, maija = staff("oulu")
    chats.take(lrt, pid, staff=maija, scope=scope)
    assert chats.for_staff(lrt, pid, staff=maija, scope=scope).transcript == [{"who": "bot", "text": "Hej!"}]
    chats.staff_closes(lrt, pid, staff=maija, scope=scope)
    with lrt.db.session() as s:  # the bot part goes at close
        assert s.scalars(select(Chat).where(Chat.public_id == pid)).one().transcript_enc is None


def test_other_organisations_and_other_staff_see_nothing(lrt: Runtime) -> None:
    cid, pid = _chat(lrt)
    tampere = staff("tampere", subject="t-1")
    assert chats.queue(lrt, *tampere) == []
    with pytest.raises(NotFoundError):
        chats.take(lrt, pid, staff=tampere[1], scope=tampere[0])
    scope, maija = staff("oulu")
    chats.take(lrt, pid, staff=maija, scope=scope)
    colleague = staff("oulu", subject="staff-2")
    with pytest.raises(NotFoundError):
        chats.for_staff(lrt, pid, staff=colleague[1], scope=colleague[0])
    with pytest.raises(NotFoundError):
        chats.staff_says(lrt, pid, "hei", staff=colleague[1], scope=colleague[0])
    with pytest.raises(NotFoundError):
        chats.for_staff(lrt, pid, staff=tampere[1], scope=tampere[0])
    assert chats.for_person(lrt, secrets.token_urlsafe(32), pid) is None  # another conversation's id
    assert chats.person_says(lrt, "forged", pid, "hei") is None
    with pytest.raises(NotFoundError):
        chats.take(lrt, "f" * 24, staff=maija, scope=scope)


@pytest.mark.parametrize("forged", ["\x00", "a\x00" + "b" * 22, "%00", "F" * 24, "f" * 25, ""],
                         ids=["nul", "nul-inside", "percent", "upper", "long", "empty"])
def test_a_forged_chat_id_is_a_miss_on_every_backend(lrt: Runtime, forged: str) -> None:
    """A NUL byte in an id was a DataError (500) on PostgreSQL, a miss (404) on SQLite."""
    cid, pid = _chat(lrt)
    scope, maija = staff("oulu")
    assert chats.for_person(lrt, cid, forged) is None and chats.person_says(lrt, cid, forged, "hei") is None
    chats.person_leaves(lrt, cid, forged)
    for act in (chats.take, chats.for_staff, chats.staff_closes):
        with pytest.raises(NotFoundError):
            act(lrt, forged, staff=maija, scope=scope)
    assert chats.news(lrt, forged, 0) is None
    assert chats.for_person(lrt, cid, pid) is not None  # the real one is still found


def test_long_staff_message_and_too_many_lines(lrt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    cid, pid = _chat(lrt)
    scope, maija = staff("oulu")
    chats.take(lrt, pid, staff=maija, scope=scope)
    with pytest.raises(InputError):
        chats.staff_says(lrt, pid, "x" * (chats.MAX_STAFF_CHARS + 1), staff=maija, scope=scope)
    chats.person_says(lrt, cid, pid, "y" * 5000)
    assert len(chats.for_staff(lrt, pid, staff=maija, scope=scope).lines[-1].text) == \
        lrt.settings.assistant_max_text_chars
    monkeypatch.setattr(chats, "MAX_LINES", 2)  # "taken" and the person's line
    with pytest.raises(InputError):
        chats.staff_says(lrt, pid, "one too many", staff=maija, scope=scope)


def test_take_race_exactly_one_wins(lrt: Runtime) -> None:
    """Eight staff members of the organisation press "take" at the same moment, each in its own thread
    and database connection: exactly one gets the chat."""
    _, pid = _chat(lrt)
    barrier = threading.Barrier(8)
    won: list[str] = []
    lost: list[str] = []

    def press(i: int) -> None:
        scope, who = staff("oulu", subject=f"staff-{i}")
        barrier.wait()
        try:
            chats.take(lrt, pid, staff=who, scope=scope)
            won.append(who.subject)
        except ConflictError:
            lost.append(who.subject)

    threads = [threading.Thread(target=press, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1 and len(lost) == 7
    with lrt.db.session() as s:
        row = s.scalars(select(Chat)).one()
        assert row.taken_by == won[0] and row.status == "active"
        taken = [m for m in s.scalars(select(ChatMessage))]
        assert len(taken) == 1  # one "taken" line, not eight


def test_abandoned_chat_expires_and_is_purged(lrt: Runtime) -> None:
    _, pid = _chat(lrt)
    with lrt.writes, lrt.db.session() as s:
        s.execute(update(Chat).values(expires_at=datetime(2020, 1, 1)))
    scope, maija = staff("oulu")
    assert chats.queue(lrt, scope, maija) == []
    with pytest.raises(ConflictError):
        chats.take(lrt, pid, staff=maija, scope=scope)
    assert chats.purge(lrt) == 1 and chats.purge(lrt) == 0


def test_desk_registry_round_trip(lrt: Runtime) -> None:
    add_desk(lrt, desk(topics=["Nuoret"], municipality_codes=["564"]))
    add_desk(lrt, desk("tre-chat", "tampere", municipality_codes=["837"]))
    assert [d.id for d in desks.listed(lrt.db, frozenset({"oulu"}))] == ["oulu-chat"]
    got = desks.get(lrt.db, "oulu-chat")
    assert got is not None and got.topics == ["nuoret"] and got.phone == "+358 8 123 4567"
    found = desks.best_desk(lrt.db, text="olen nuoret", lang="fi", municipality_code="564")
    assert found is not None and found.desk.id == "oulu-chat" and found.topics == ("nuoret",)
    assert desks.best_desk(lrt.db, text="hei", lang="fi", municipality_code="091") is None
    with lrt.writes:
        desks.remove(lrt.db, "oulu-chat")
    with pytest.raises(NotFoundError):
        desks.remove(lrt.db, "oulu-chat")


def test_the_assistant_purge_job_deletes_closed_chats(lrt: Runtime) -> None:
    from auroranet.jobs.schedule import default_jobs

    cid, pid = _chat(lrt)
    scope, maija = staff("oulu")
    chats.take(lrt, pid, staff=maija, scope=scope)
    job = next(j for j in default_jobs(lrt) if j.name == "assistant_purge")
    assert job.fn()["live_chats"] == 0  # active: kept
    chats.staff_closes(lrt, pid, staff=maija, scope=scope)
    assert job.fn()["live_chats"] == 1
    assert chats.for_person(lrt, cid, pid) is None


def test_racing_yes_answers_queue_one_chat(lrt: Runtime) -> None:
    """Eight "yes, talk to a person" answers of one conversation at the same moment, each in its own thread
    and connection: one chat is queued and every answer names it (a partial unique index; PostgreSQL has
    no write lock to serialise them)."""
    add_desk(lrt, desk())
    cid = secrets.token_urlsafe(32)
    barrier = threading.Barrier(8)
    got: list[str] = []
    errors: list[BaseException] = []

    def yes() -> None:
        barrier.wait()
        try:
            got.append(chats.open_chat(lrt, cid=cid, desk=desk(), lang="fi", transcript=None))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=yes) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(got) == 8 and len(set(got)) == 1
    with lrt.db.session() as s:
        assert len(s.scalars(select(Chat)).all()) == 1


def test_an_expired_open_chat_is_closed_when_the_person_asks_again(lrt: Runtime) -> None:
    cid, first = _chat(lrt)
    with lrt.writes, lrt.db.session() as s:
        s.execute(update(Chat).values(expires_at=datetime(2000, 1, 1)))
    second = chats.open_chat(lrt, cid=cid, desk=desk(), lang="fi", transcript=None)
    assert second != first
    with lrt.db.session() as s:
        assert {c.public_id: c.status for c in s.scalars(select(Chat))} == {first: "closed", second: "waiting"}
