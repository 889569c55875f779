"""Someone close died by suicide: the urgent help of a suicide text, and below it a search that looks for
support for the bereaved first; one's own wish to die is never read as bereavement."""

from __future__ import annotations

import pytest

from auroranet.safety import crisis_in_text
from auroranet.safety.detect import bereaved_by_suicide
from auroranet.safety.refocus import BEREAVED_SEARCH

BEREAVED = [
    "läheinen teki itsemurhan", "isäni kuoli itsemurhaan", "veljeni tappoi itsensä viime viikolla",
    "itsemurhan tehneiden läheiset", "en närstående begick självmord", "min pappa tog livet av sig",
    "a loved one died by suicide", "my brother took his own life", "bereaved by suicide",
]
OWN = ["haluan tappaa itseni", "haluan kuolla", "jag vill inte leva", "I want to kill myself",
       "i want to end my life", "itsemurha-ajatuksia"]


@pytest.mark.parametrize("text", BEREAVED)
def test_a_close_ones_suicide_searches_for_the_bereaved_first(text: str) -> None:
    urgent, refocus = crisis_in_text(text, "fi")
    assert urgent and bereaved_by_suicide(text)
    assert refocus is not None and refocus.startswith(BEREAVED_SEARCH) and "kriisiapu" in refocus


@pytest.mark.parametrize("text", OWN)
def test_ones_own_crisis_is_not_bereavement(text: str) -> None:
    urgent, refocus = crisis_in_text(text, "en")
    assert urgent and not bereaved_by_suicide(text)
    assert refocus is not None and BEREAVED_SEARCH not in refocus


@pytest.mark.parametrize("text", ["suicide prevention research", "kriisinhallinta", "my brother took his car"])
def test_no_crisis_no_bereavement(text: str) -> None:
    assert crisis_in_text(text, "en") == ([], None)
