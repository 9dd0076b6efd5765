"""Method fixes of the words around a name: a word of a place's kind ("the state of X",
"X province", "la ville de X") names the one of that kind among a country's namesakes; a
French "et" or an English "at" is no Arabic article; a word among listed places is one;
adjectives of former countries, which point at no country of today; another spelling of an
Arab division's name when the text is in its country; a city of millions starting a
sentence. Each family in English and French, with the readings it must not produce."""

from __future__ import annotations

import pytest

from gazetteer import context, lexicons, rank
from gazetteer.matcher import prose_articles


def _places(gaz, text: str, demonyms: bool = True) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country_code, m.place.feature)
            for m in gaz.parse(text, demonyms=demonyms)}


def _mention(gaz, text: str, name: str):
    return next(m for m in gaz.parse(text) if m.text == name)


# ---------------------------------------------------------------- a word of a place's kind
@pytest.mark.parametrize("text,name,want", [
    ("Snow fell across the state of New York.", "New York", ("US", "admin1")),
    ("La neige est tombée dans l'État de New York.", "New York", ("US", "admin1")),
    ("Canada and the state of New York signed it.", "New York", ("US", "admin1")),
    ("Floods hit New York State.", "New York State", ("US", "admin1")),
    ("Fires spread in Washington state.", "Washington", ("US", "admin1")),
    ("Des incendies dans l'État de Washington.", "Washington", ("US", "admin1")),
    ("Protests in the state of Mexico turned violent.", "Mexico", ("MX", "admin1")),
    ("Des manifestations dans l'État de Mexico.", "Mexico", ("MX", "admin1")),
    ("Gunmen attacked a village in Kano State.", "Kano State", ("NG", "admin1")),
    ("Des hommes armés ont attaqué un village de l'État de Borno.", "Borno", ("NG", "admin1")),
    ("Clashes in Baghdad province left ten dead.", "Baghdad", ("IQ", "admin1")),
    ("Des pluies dans la province de Panama.", "Panama", ("PA", "admin1")),
    ("Rain fell on the city of Panama.", "Panama", ("PA", "city")),
])
def test_a_word_of_a_kind_names_the_place_of_that_kind(gaz, text: str, name: str,
                                                       want: tuple[str, str]) -> None:
    assert _places(gaz, text)[name] == want


@pytest.mark.parametrize("text,name,want", [
    ("Traffic jams in New York on Monday.", "New York", ("US", "city")),
    ("Le trafic à New York lundi.", "New York", ("US", "city")),
    ("Mexico signed the deal.", "Mexico", ("MX", "country")),
    # "state" names countries too, and a division of another kind says nothing of it
    ("The Gulf state of Qatar hosted the talks.", "Qatar", ("QA", "country")),
    ("The small state of Djibouti hosts bases.", "Djibouti", ("DJ", "country")),
    # the kind word belongs to another name, or another sentence
    ("A bomb hit the Washash district of Baghdad.", "Baghdad", ("IQ", "city")),
    ("Un attentat dans le quartier de Karrada, à Bagdad.", "Bagdad", ("IQ", "city")),
    ("Authorities in the central Mexico state of Hidalgo arrested 50 migrants.", "Mexico",
     ("MX", "country")),
    ("MEXICO CITY -- Mexico's army captured a cartel lieutenant.", "Mexico",
     ("MX", "country")),
    ("The convoy left Mexico City. Guerrero, the state of smuggling routes, said no.",
     "Guerrero", ("MX", "admin1")),
])
def test_a_kind_word_of_another_name_says_nothing(gaz, text: str, name: str,
                                                  want: tuple[str, str]) -> None:
    m = _mention(gaz, text, name)
    assert (m.place.country_code, m.place.feature) == want


@pytest.mark.parametrize("text,name,hint,kinds", [
    ("Des combats dans l'État de Borno.", "Borno", "admin1", {"state"}),
    ("Fighting in Diyala province.", "Diyala", "admin1", {"province", "governorate"}),
    ("Des combats dans le gouvernorat de Diyala.", "Diyala", "admin1",
     {"governorate", "province"}),
    ("Shelling in the town of Douma.", "Douma", "city", {"city"}),
    # across a comma the word still hints the kind, but names no kind to prefer
    ("Crawford County, Pennsylvania", "Pennsylvania", "admin1", set()),
    # the kind of the name after it, of another sentence: no hint at all
    ("the Baghdad district of Karrada", "Baghdad", None, set()),
    ("They reached Mexico City. Guerrero was calm.", "Guerrero", None, set()),
])
def test_span_context_reads_the_kind_word(text: str, name: str, hint: str | None,
                                          kinds: set[str]) -> None:
    s = text.index(name)
    ctx = context.DocContext(text).span_context(s, s + len(name), "", "")
    assert (ctx.type_hint, set(ctx.type_kinds)) == (hint, kinds)


def _cand(pid: int, cc: str, feature: str, kind: str, pop: int) -> rank.Cand:
    return rank.Cand(pid=pid, name_kind=0, lat=0.0, lon=0.0, country_code=cc,
                     feature=feature, kind=kind, population=pop, admin1=None, name="X")


def test_other_kinds_of_the_hinted_country_lose() -> None:
    country = _cand(1, "MX", "country", "country", 126_000_000)
    state = _cand(2, "MX", "admin1", "state", 14_000_000)
    abroad = _cand(3, "US", "city", "city", 12_000)

    def best(kinds: frozenset[str]) -> int:
        cands = [country, state, abroad]
        sc = rank.score(cands, type_hint="admin1", type_kinds=kinds)
        return cands[max(range(3), key=sc.__getitem__)].pid

    assert best(frozenset({"state"})) == 2
    assert best(frozenset({"region"})) == 1  # a division of another kind: the country stays
    assert best(frozenset()) == 1  # a weak sign (across a comma): as before


def test_a_name_is_no_evidence_of_fame_for_its_own_country() -> None:
    """A city of millions gains fame when the text names other countries, not when the
    only country named is the one its own name's division points at."""
    city = _cand(1, "CD", "city", "capital", 16_000_000)
    prov = _cand(2, "CD", "admin1", "city", 16_400_000)
    alone = rank.DocEvidence(countries={"CD"}, country_surfaces={"CD": {"Kinshasa"}})
    other = rank.DocEvidence(countries={"CD", "FR"},
                             country_surfaces={"CD": {"Kinshasa"}, "FR": {"France"}})
    got = [rank.score([city, prov], doc, surface="Kinshasa")[0] for doc in (alone, other)]
    assert got[1] - got[0] == pytest.approx(rank.fame(16_000_000))


def test_kind_words_have_kinds() -> None:
    kinds = lexicons.division_kinds()
    assert kinds["etat"] == {"state"} and kinds["wilaya"] == {"province", "governorate"}
    assert set(kinds) == lexicons.type_words()["admin"]


# ---------------------------------------------------------------- "et", "at": no article
@pytest.mark.parametrize("text,names", [
    ("L'armée turque a pris Ras al-Aïn et Tall Abyad, dans le nord de la Syrie.",
     ["Ras al-Aïn", "Tall Abyad"]),
    ("Turkish forces took Ras al-Ain and Tall Abyad in northern Syria.",
     ["Ras al-Ain", "Tall Abyad"]),
    ("Bombardements sur Alep et Tikrit.", ["Alep", "Tikrit"]),
    ("Frappes à Raqqa et Tall Tamr.", ["Raqqa", "Tall Tamr"]),
    ("Homs et Tadmor ont été bombardées.", ["Homs", "Tadmor"]),
    ("Clashes at Tall Abyad killed three.", ["Tall Abyad"]),
])
def test_a_function_word_is_no_arabic_article(gaz, text: str, names: list[str]) -> None:
    assert [n for n in names if n not in _places(gaz, text)] == []


@pytest.mark.parametrize("text,name", [
    ("Des frappes sur Deir ez-Zor et Raqqa.", "Deir ez-Zor"),
    ("Rebels took Jisr ash Shughur.", "Jisr ash Shughur"),
    ("As Sulaymaniyah was calm.", "As Sulaymaniyah"),
    ("La Trinité-et-Tobago a voté.", "Trinité-et-Tobago"),
])
def test_written_articles_still_join_a_name(gaz, text: str, name: str) -> None:
    assert name in _places(gaz, text)


def test_the_function_word_articles() -> None:
    got = prose_articles(lexicons.common_words())
    assert {"et", "en", "at", "an", "as"} <= got
    assert not {"ad", "ez", "ash", "ed", "es"} & got


# ---------------------------------------------------------------- listed with places
@pytest.mark.parametrize("text,name,cc", [
    ("Cases in Moonbi, Parkes, Berry and Wyong in regional NSW.", "Berry", "AU"),
    ("Des cas à Moonbi, Parkes, Berry et Wyong, en Nouvelle-Galles du Sud.", "Berry", "AU"),
])
def test_a_word_listed_with_places_is_one(gaz, text: str, name: str, cc: str) -> None:
    assert _places(gaz, text)[name][0] == cc


@pytest.mark.parametrize("text,word", [
    ("Tennis stars Venus and Serena Williams played in Paris.", "Venus"),
    ("Police will patrol Athens and Olympic venues during the Games.", "Olympic"),
    ("In neighboring Kandahar, Taliban militants clashed with police.", "Taliban"),
    ("Species in the jungles of Central and South America, Brazil and Peru.", "Central"),
    ("Des espèces d'Amérique Centrale et du Sud, du Brésil et du Pérou.", "Centrale"),
])
def test_a_listed_word_that_is_no_item_stays_out(gaz, text: str, word: str) -> None:
    assert word not in _places(gaz, text)


# ---------------------------------------------------------------- former countries
@pytest.mark.parametrize("text,name,successor", [
    ("Ex-Soviet states such as Armenia joined.", "Soviet", "RU"),
    ("Les républiques ex-soviétiques d'Asie centrale.", "soviétiques", "RU"),
    ("Yugoslav forces entered the town.", "Yugoslav", "RS"),
    ("L'armée yougoslave est entrée dans la ville.", "yougoslave", "RS"),
    ("L'ex-Yougoslavie a éclaté.", "Yougoslavie", "RS"),
    ("Refugees from the former Yugoslavia arrived.", "Yugoslavia", "RS"),
    ("Les pays de l'ex-URSS.", "URSS", "RU"),
])
def test_former_countries_behind_ex(gaz, text: str, name: str, successor: str) -> None:
    m = _mention(gaz, text, name)
    assert (m.place.kind, m.place.country_code) == ("historical country", successor)


def test_former_country_adjectives_are_no_place_names(gaz) -> None:
    assert _places(gaz, "Ex-Soviet states such as Armenia joined.", demonyms=False) == {
        "Armenia": ("AM", "country")}


@pytest.mark.parametrize("text,name", [
    ("A Soviet-era tank was seen in Donetsk.", "Donetsk"),
    ("Un char de l'époque soviétique a été vu à Donetsk.", "Donetsk"),
])
def test_a_former_country_points_at_no_country_of_today(gaz, text: str, name: str) -> None:
    assert _places(gaz, text)[name][0] == "UA"


@pytest.mark.parametrize("text,name", [
    ("NATO troops entered Kosovo in June 1999.", "Kosovo"),
    ("Des Kosovars manifestent au Kosovo.", "Kosovo"),
])
def test_kosovo_is_a_country(gaz, text: str, name: str) -> None:
    assert _places(gaz, text)[name] == ("XK", "country")


# ---------------------------------------------------------------- another spelling there
@pytest.mark.parametrize("text", [
    "Protests in Tanta, Gharbiya, Egypt, on Friday.",
    "Des manifestations à Tanta, dans le gouvernorat de Gharbiya, en Égypte.",
    "Protests erupted in Gharbiya and Menoufia, north of Cairo.",
])
def test_a_spelling_of_a_division_where_the_text_is(gaz, text: str) -> None:
    m = _mention(gaz, text, "Gharbiya")
    assert (m.place.country_code, m.place.feature) == ("EG", "admin1")


@pytest.mark.parametrize("text", [
    "Clashes in Gharbiya.",
    "Baqa al-Gharbiyye and Gharbiya, in Israel, voted.",
])
def test_the_exact_name_stays_without_that_country(gaz, text: str) -> None:
    assert _places(gaz, text).get("Gharbiya", ("", ""))[0] != "EG"


# ---------------------------------------------------------------- a city of millions first
@pytest.mark.parametrize("text,name,cc", [
    ("Paris is bracing for the strike.", "Paris", "FR"),
    ("Paris a été frappée par une grève.", "Paris", "FR"),
    ("London is bracing for the strike.", "London", "GB"),
    ("Troops left. Chicago was calm.", "Chicago", "US"),
])
def test_a_city_of_millions_starting_a_sentence(gaz, text: str, name: str, cc: str) -> None:
    assert _places(gaz, text)[name][0] == cc


@pytest.mark.parametrize("text,word", [
    ("Nice to meet you, he said.", "Nice"),
    ("Reading is fun, she said.", "Reading"),
    ("Mobile phones were seized.", "Mobile"),
])
def test_a_smaller_town_named_by_a_word_stays_a_word(gaz, text: str, word: str) -> None:
    assert word not in _places(gaz, text)


def test_demonyms_of_a_place_name_a_place_that_exists() -> None:
    from gazetteer.sources import read_all

    keys = {p.key for p in read_all()}
    places = {r["place"] for r in lexicons.read_csv(lexicons.data_dir() / "demonyms.csv")
              if r.get("place")}
    assert places and places <= keys
