"""The crisis detector's vocabulary, defined once: crisis kinds, the phrases that signal each (fi, sv,
en), the professional contexts that silence topic words, and the profile rule.

Patterns are regular expressions over *normalised* text (detect.normalise): lower case, NFKC, accents
stripped (ä→a, ö→o, å→a, so "yöpaikka" and "yopaikka" typed without dots read the same), apostrophes
dropped ("don't" → "dont"), punctuation turned into single spaces, runs of 3+ equal letters cut to 2.
Finnish stems carry no left word boundary where compounds put the head last ("perheväkivalta").

Two sorts of pattern:
- ``personal``: a statement about oneself or someone close ("haluan kuolla", "he hits me"). Always fires.
- ``topic``: a bare term ("itsemurha", "overdose", "våldtäkt"). Fires unless the text reads as a
  professional or training query (``GUARDS``) with no first-person word (``FIRST_PERSON``).

Decision (documented, tested): "suicide prevention research" and "suicide prevention training for
staff" do not trigger; "suicide prevention" alone does (showing help to someone who did not need it costs
little; missing someone who did costs a lot). Finnish "tutkimus" is no guard: it also means a medical
examination ("raiskauksen jälkeinen tutkimus"); neither is "yritys" ("itsemurhayritys" is an attempt).
Words like "kriisi" or "väkivalta" alone never trigger ("kriisinhallinta", "väkivallan ehkäisyn
koulutus"): violence needs a person or a home in the sentence.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

Kind = Literal["suicide", "self_harm", "violence", "sexual_violence", "poisoning", "homeless", "mental_health"]
KINDS: Final[tuple[Kind, ...]] = ("suicide", "self_harm", "violence", "sexual_violence", "poisoning", "homeless",
                                  "mental_health")


class Terms(NamedTuple):
    personal: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()


_ME_FI = r"(itseni|itteni|itsesi|ittes|itsensa|ittensa|itseaan|itteaan|itseani|itteani)"
_CLOSE_FI = (r"(mieheni|miestani|vaimoni|vaimoani|puolisoni|puolisoani|kumppanini|kumppaniani|isani|isaani|aitini|"
             r"aitiani|poikaystavani|poikaystavaani|tyttoystavani|tyttoystavaani|isapuoleni|isapuoltani|aitipuoleni)")
_CLOSE_EN = r"(husband|wife|partner|boyfriend|girlfriend|father|mother|dad|mom|mum|stepfather|stepdad|parents?)"
_CLOSE_SV = r"(man|fru|partner|sambo|pojkvan|flickvan|pappa|mamma|styvpappa|foraldrar)"

# kind -> language -> terms. Language says which language a phrase is written in; every rule is applied
# to every text whatever language the query claims (people write in the language they think in).
LEXICON: Final[dict[Kind, dict[str, Terms]]] = {
    "suicide": {
        "fi": Terms(
            personal=(rf"\btap\w* {_ME_FI}\b", r"\bhirt\w* " + _ME_FI + r"\b", r"\b(halu|tahdo|tahto)\w* kuolla\b",
                      r"\bkuolla pois\b", r"\btoivo\w* (etta )?(kuolisin|kuolevani|olisin kuollut)\b",
                      r"\b(en|ei) (enaa )?(halua|jaksa|kesta|pysty|jaksais|haluu) (enaa )?elaa\b",
                      r"\blopet\w* (tama |koko )?elama(ni|n)\b", r"\bei (ole )?(mitaan )?syyta elaa\b",
                      r"\bitsemurhayri\w*"),
            topic=(r"itse ?murh\w*", r"\bitsmurh\w*", r"itsetuhoi\w*")),
        "sv": Terms(
            personal=(r"\bta livet av (mig|mej|sig|dig)\b", r"\bvill (bara )?do\b", r"\bvill inte (leva|finnas)\b",
                      r"\borkar inte leva\b", r"\b(avsluta|ta) mitt (eget )?liv\b", r"\bdoda mig sjalv\b"),
            topic=(r"sjalv ?mord\w*", r"\bsuicid\w*", r"\btog livet av sig\b")),
        "en": Terms(
            personal=(r"\bkill(s|ing|ed)? (my ?self|myslef|him ?self|her ?self|them ?selves|themself)\b",
                      r"\bunalive (my ?self|me)\b",
                      r"\b(want|wants|wanted|wanting|wanna|wish|wishing) (to )?die+\b", r"\bwish i (was|were) dead\b",
                      r"\bbetter off dead\b", r"\bend(ing)? (my|his|her) (own )?life\b", r"\bend(ing)? it all\b",
                      r"\btake my (own )?life\b", r"\b(dont|do not|dont really) want to (live|be alive)\b",
                      r"\bno reason to live\b"),
            topic=(r"\bsuicid\w*", r"\bsuicde\w*", r"\bsucid\w*", r"\bsuiside\w*",
                   r"\btook (his|her|their) (own )?life\b")),
    },
    "self_harm": {
        "fi": Terms(
            personal=(rf"\bviil\w* {_ME_FI}\b", rf"\bsatut\w* {_ME_FI}\b", rf"\bvahingoit\w* {_ME_FI}\b",
                      rf"\bpolt\w* {_ME_FI}\b"),
            topic=(r"\bviiltel\w*", r"itsetuhoi\w*", r"itsensa vahingoit\w*")),
        "sv": Terms(
            personal=(r"\bskada(r|de)? mig( sjalv)?\b", r"\bskar mig\b", r"\bskar (i )?mig sjalv\b"),
            topic=(r"\bsjalvskad\w*",)),
        "en": Terms(
            personal=(r"\b(cut|cuts|cutting|hurt|hurts|hurting|harm|harming|burn|burning) (my ?self|myslef)\b",),
            topic=(r"\bself ?harm\w*", r"\bself ?injur\w*")),
    },
    "violence": {
        "fi": Terms(
            personal=(r"\b(lyo|lyovat|lyonyt|loi|hakkaa|hakkasi|hakkaavat|pahoinpitel\w*|potkii|potki|kuristi|kuristaa|"
                      r"uhkailee|uhkaa tappaa|uhkasi tappaa) (minua|mua|minut|mut|meita|meidat|lasta|lapsia\w*)\b",
                      rf"\b(pelkaan|pelottaa|pelkaamme) {_CLOSE_FI}\b",
                      r"\bvakival\w* (kotona|kotonani|kotonamme|meilla)\b", r"\bkotona (on )?(vakival\w*|lyodaan|hakataan)\b"),
            topic=(r"lahisuhdevakival\w*", r"perhevakival\w*", r"parisuhdevakival\w*", r"kotivakival\w*",
                   r"\bturvakoti\w*")),
        "sv": Terms(
            personal=(r"\b(slar|slog|misshandlar|misshandlade|hotar|sparkar|stryper|strypte) (mig|mej|oss|barnen)\b",
                      rf"\b(radd|radda) for min {_CLOSE_SV}\b", r"\bvald (i hemmet|hemma)\b"),
            topic=(r"\bvald i nara relation\w*", r"\bfamiljevald\w*", r"\bpartnervald\w*", r"\bskyddshem\w*")),
        "en": Terms(
            personal=(r"\b(hits|hitting|beats|beat|beating|abuses|abused|abusing|kicks|kicking|chokes|choked|strangles|"
                      r"strangled) (me|us|my (kids|children|child|son|daughter))\b",
                      r"\bthreat(en|ens|ened) to kill (me|us)\b", r"\b(abuse|violence|abused|beaten) at home\b",
                      rf"\b(afraid|scared|terrified) of my {_CLOSE_EN}\b"),
            topic=(r"\bdomestic (violence|abuse)\b", rf"\babusive {_CLOSE_EN}\b", r"\babusive relationship\b",
                   r"\bwomens? shelter\b")),
    },
    "sexual_violence": {
        "fi": Terms(
            personal=(r"\b(minut|mut|minua|mua) (on )?raiska\w*", r"\braiska\w* (minut|mut|minua|mua)\b",
                      r"\bpakott?i\w* (minut |mut )?(seksiin|sukupuoliyhteyteen)\b"),
            topic=(r"raiska\w*", r"\bseksuaal\w* (vakival\w*|hyvaksikay\w*|ahdistel\w*)", r"\bseksuaalivakival\w*",
                   r"\bseri ?tukikeskus\w*")),
        "sv": Terms(
            personal=(r"\b(valdtog|valdtagit|valdtar) (mig|mej)\b", r"\bjag (blev|har blivit|var) valdtagen\b"),
            topic=(r"\bvaldt(akt|og|agen|agit|ar|a)\w*", r"\bsexuell\w* (vald|overgrepp|ofredande|utnyttj\w*)")),
        "en": Terms(
            personal=(r"\b(raped|assaulted|molested) me\b",
                      r"\bi (was|got|have been|ve been|been) (raped|sexually assaulted|sexually abused|molested)\b",
                      r"\bforced me (to have sex|into sex)\b"),
            topic=(r"\brap(e|ed|ing|ist)\b", r"\bsexual(ly)? (assault\w*|abuse\w*|violence|abused|assaulted)\b",
                   r"\bmolest\w*")),
    },
    "poisoning": {
        "fi": Terms(
            personal=(r"\b(otin|otti|nielin|nielaisin|nielaisi|soin|soi|join|joi) (liikaa|kaikki|koko purkin|purkillisen)\b",
                      r"\botti\w* liikaa (laakkeita|pillereita|tabletteja|laaketta)\b",
                      r"\b(lapsi|lapseni|vauva|vauvani|poikani|tyttoni) (nielaisi|nieli|soi|joi)\b"),
            topic=(r"yliannost\w*", r"myrkyty\w*", r"\bmyrkylli\w*", r"\btajuto\w*", r"\btajuttom\w*")),
        "sv": Terms(
            personal=(r"\btog (for manga|alla) (tabletter|piller|pillren|tabletterna)\b",
                      r"\b(barnet|mitt barn|min son|min dotter) (har )?(svalt|druckit|atit)\b"),
            topic=(r"\boverdos\w*", r"\bforgift\w*", r"\bgiftinformation\w*", r"\bmedvetslos\w*", r"\bgiftig\w*")),
        "en": Terms(
            personal=(r"\btook (too many|all (my|the)) (pills|tablets|meds|medication)\b",
                      r"\b(swallowed|drank|ate) (bleach|detergent|poison|pills|a battery|batteries|too many pills)\b",
                      r"\b(wont|doesnt|cant|will not) wake (up|him up|her up|them up)\b"),
            topic=(r"\boverdos\w*", r"\bpoison(ed|ing|ous)?\b", r"\bunconscious\b")),
    },
    "homeless": {
        "fi": Terms(
            personal=(r"\b(ei|en) (ole |tieda |loyda |oo )?(mitaan )?(yopaikkaa|paikkaa (missa|mihin|jossa) (nukkua|yopya))",
                      r"\bei (ole )?(mihin|minne) menna (yoksi|tanaan|tana yona)\b",
                      r"\b(missa|mihin|minne) (ma |mina )?(nukun|nukkuisin|yovyn|menen yoksi) (tana|taman) (yona|yon|iltana)\b",
                      r"\bnuku\w* (kadulla|ulkona|rappukaytavassa|porraskaytavassa|rapussa|puistossa)\b",
                      r"\basunnoton (tana yona|tanaan|nyt)\b",
                      r"\b(heitettiin|heitti|potkittiin|potki) (minut |mut )?(ulos|pihalle|kadulle)\b",
                      r"\b(jouduin|joudun|olen|oon) kadulla\b", r"\bjouduin kadulle\b",
                      r"\b(ei|en) (ole |oo )?(mitaan )?paikkaa (mihin|minne) (menna|mennä)\b.*\b(tana yona|yoksi|tanaan|illalla)\b",
                      r"\b(ei|en) (ole |oo )?(kotia|kattoa paan paalle|kattoa paan paalla) (mihin|minne|jossa|missa)\b"),
            topic=(r"\bensisuoj\w*", r"\bhatamajoitu\w*")),
        "sv": Terms(
            personal=(r"\bingenstans att (sova|bo|ta vagen|vara)\b", r"\b(sover|sova) (ute|pa gatan)\b",
                      r"\b(hemlos|bostadslos) (i natt|ikvall|idag|nu)\b", r"\bvar ska jag sova\b",
                      r"\bblev (utslangd|utkastad|vrakt)\b", r"\b(inget|ingen) (stalle|plats) att (sova|ta vagen)\b"),
            topic=(r"\bnodbostad\w*", r"\bharbarge\w*", r"\bnattharbarge\w*", r"\bakut boende\b")),
        "en": Terms(
            personal=(r"\bno ?where to (sleep|stay|go|live)\b", r"\bno place to (sleep|stay)\b",
                      r"\b(homeless|on the streets?) (tonight|today|now)\b",
                      r"\bsleep(ing)? (rough|on the streets?|outside tonight|in my car)\b",
                      r"\b(kicked|thrown) out\b.*\b(tonight|today)\b", r"\bwhere (can|do|will|should) i sleep\b",
                      r"\bno place to go\b.*\btonight\b"),
            topic=(r"\b(homeless|emergency|night) shelter\b", r"\bemergency (housing|accommodation)\b")),
    },
    "mental_health": {},  # from the profile only (PROFILE_RULES)
}

# Professional, research or training context: topic words alone then do not trigger.
GUARDS: Final[dict[str, tuple[str, ...]]] = {
    "fi": (r"koulutu\w*", r"koulutuk\w*", r"kouluttaj\w*", r"\bkurssi\w*", r"tilasto\w*", r"henkilost\w*",
           r"\bammattilaisille\b", r"\btyontekijoille\b", r"\byrityksille\b", r"seminaari\w*", r"\bluento\w*",
           r"webinaari\w*", r"\btyopaja\w*", r"\bopinnaytety\w*"),
    "sv": (r"utbildning\w*", r"\bkurs(er|en|erna)?\b", r"\bforskning\w*", r"\bpersonalen\b", r"\banstallda\b",
           r"\bforetag\w*", r"\bseminari\w*", r"\byrkesverksamma\b", r"\bforelasning\w*", r"\bstatistik\w*"),
    "en": (r"\btraining\b", r"\bcourses?\b", r"\bresearch\w*", r"\bstaff\b", r"\bemployees\b", r"\bcompan(y|ies)\b",
           r"\bprofessionals\b", r"\bworkshops?\b", r"\bseminars?\b", r"\blectures?\b", r"\bwebinars?\b",
           r"\bcurriculum\b", r"\bstatistics\b", r"\bthesis\b"),
}

# A first-person word switches the guards off ("I need training... I want to die" still triggers).
FIRST_PERSON: Final[dict[str, tuple[str, ...]]] = {
    "fi": (r"\b(mina|ma|mun|mulla|mua|mut|minua|minulla|minun|minut|minulle|mulle|itseni|itteni|olen|oon)\b",),
    "sv": (r"\b(jag|mig|mej|min|mitt|mina)\b",),
    "en": (r"\b(i|im|ive|id|me|my|myself|mine)\b",),
}


# Someone close died by suicide (a suicide text about another person's death, not one's own wish): the
# urgent help stays that of "suicide"; below it the search looks for support for the bereaved first
# (refocus.py). Patterns over normalised text, as above.
_KIN_FI = (r"(laheinen|laheiseni|laheisen|ystavani|ystava|kaverini|aitini|isani|veljeni|siskoni|poikani|tyttareni|"
           r"lapseni|mieheni|vaimoni|puolisoni|kumppanini|isoisani|isoaitini|serkkuni)")
_KIN_SV = r"(en narstaende|min narstaende|min (van|vaninna|mamma|pappa|bror|syster|son|dotter|man|fru|sambo|partner))"
_KIN_EN = (r"(a loved one|loved one|someone close|my (best )?(friend|mother|mum|mom|father|dad|brother|sister|son|"
           r"daughter|husband|wife|partner|child|grandfather|grandmother|cousin))")
BEREAVED_BY_SUICIDE: Final[dict[str, tuple[str, ...]]] = {
    "fi": (rf"\b{_KIN_FI}\b.* (teki|oli tehnyt|on tehnyt) itse ?murhan\b", rf"\b{_KIN_FI}\b.* (tappoi|on tappanut) itsensa\b",
           rf"\b{_KIN_FI}\b.* kuoli itse ?murhaan\b", r"\bitse ?murhan tehn(een|eet|eiden)\b", r"\bmenetin \w+ itse ?murha"),
    "sv": (rf"\b{_KIN_SV}\b.* (begick|har begatt) sjalv ?mord\b", rf"\b{_KIN_SV}\b.* tog livet av sig\b",
           r"\befterlevande (efter|vid) sjalv ?mord\b"),
    "en": (rf"\b{_KIN_EN}\b.* (died by|committed|died of) suicide\b",
           rf"\b{_KIN_EN}\b.* (killed|took) (him|her|them) ?sel(f|ves)\b",
           rf"\b{_KIN_EN}\b.* took (his|her|their) (own )?life\b", r"\b(bereaved by|lost (\w+ ){1,3}to) suicide\b",
           r"\bsuicide (loss|bereavement)\b"),
}


class ProfileRule(NamedTuple):
    kind: Kind
    meters: tuple[str, ...]  # all present and each at most ``at_most`` (0..10 scale)
    at_most: float


PROFILE_RULES: Final[tuple[ProfileRule, ...]] = (
    ProfileRule("mental_health", ("resilience", "self_esteem", "life_satisfaction"), 1.0),
)
