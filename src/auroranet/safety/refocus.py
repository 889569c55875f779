"""What a search should look for after a crisis text: the service vocabulary of the help that fits.

Urgent help (``contacts``) comes first whatever the text; the ordinary results below it used to come
from the person's own words, and "en halua enää elää" matched services about giving up a guardianship.
When the text signals a crisis, the search runs instead on the words services of that kind are written
in (Finnish, the language of the catalogue; the bridge is not needed), so the rest of the list is
mental-health, crisis, violence or housing help.

    refocus_text(("suicide",))   # "mielenterveyspalvelut kriisiapu keskusteluapu ..."
"""

from __future__ import annotations

from typing import Final, Sequence

from auroranet.safety.lexicon import Kind

_MENTAL: Final = "mielenterveyspalvelut kriisiapu kriisikeskus keskusteluapu psykiatrinen päivystys mielenterveys"
SEARCH_FOR: Final[dict[Kind, str]] = {
    "suicide": _MENTAL,
    "self_harm": _MENTAL,
    "mental_health": _MENTAL,
    # not "kriisiapu" here: its "kriisi" also meets military crisis management ("kriisinhallinta")
    "violence": "lähisuhdeväkivalta perheväkivalta väkivalta turvakoti rikosuhrien tuki",
    "sexual_violence": "seksuaaliväkivalta raiskaus väkivalta rikosuhripäivystys turvakoti",
    "poisoning": "myrkytys päivystys ensiapu",
    "homeless": "asunnottomuus asunnoton hätämajoitus tuettu asuminen sosiaalipäivystys",
}


# Someone close died by suicide: support for the bereaved first, then the mental-health help of "suicide".
BEREAVED_SEARCH: Final = "itsemurhan tehneiden läheisille vertaistuki vertaistukipuhelin"


def refocus_text(kinds: Sequence[Kind], *, bereaved: bool = False) -> str | None:
    """The search text for these crisis kinds (None when there are none), most urgent kind first;
    ``bereaved`` (detect.bereaved_by_suicide): a suicide text about someone close who died."""
    parts = list(dict.fromkeys(SEARCH_FOR[k] for k in kinds if k in SEARCH_FOR))
    if bereaved and "suicide" in kinds:
        parts.insert(0, BEREAVED_SEARCH)
    return " ".join(parts) if parts else None
