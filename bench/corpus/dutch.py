"""Dutch vocabulary and sentence templates for the benchmark corpus.

Everything here is plain data plus a few small functions that turn it into sentences,
so the corpus generator (`generate`) has realistic input for stemming and search: real
Dutch words in grammatical sentences (verb-second main clauses, verb-final subclauses,
separable verbs), about the domain of the platform. Markers filled in per item:
`§T` the item's topic (a theme phrase), `§P` a place.
"""

# ---- noun phrases -------------------------------------------------------------------

# Singular subjects (3rd person singular verb).
SUBJ_SG = [
    "het wijkteam", "de gemeente", "de wijkcoördinator", "de jongerenwerker", "de woningcorporatie",
    "de huisarts", "de schuldhulpverlener", "de buurtcoach", "het sociaal wijkteam", "de wijkagent",
    "de school", "het buurthuis", "de bewonersorganisatie", "de opbouwwerker", "de ervaringsdeskundige",
    "de projectleider", "de gebiedsmanager", "de wethouder", "de kwartiermaker", "de welzijnsorganisatie",
    "het coördinatiepunt", "het consultatiebureau", "de jeugdverpleegkundige", "de beleidsadviseur",
    "de onderzoeker", "de vrijwilliger", "de huismeester", "de leerkracht", "de trainer", "het netwerk",
    "de programmaraad", "de wijkregisseur", "de buurtsportcoach", "de bibliotheek", "het werkbedrijf",
    "de GGD", "de verloskundige", "de moskee", "de kerk", "de sportvereniging", "de ondernemersvereniging",
    "het jongerencentrum", "de mantelzorgconsulent", "de casusregisseur", "de straatcoach",
    "de wijkverpleegkundige", "de sociaal raadsman", "de thuisbegeleider", "de schoolmaatschappelijk werker",
    "de taalcoach", "het leernetwerk", "de leerkring", "de stuurgroep", "het programmabureau",
]

# Plural subjects (plural verb).
SUBJ_PL = [
    "bewoners", "professionals", "vrijwilligers", "partners in de wijk", "ouders", "jongeren",
    "deelnemers", "gemeenten", "corporaties", "wijkprofessionals", "beleidsmakers", "onderzoekers",
    "ervaringsdeskundigen", "buurtbewoners", "docenten", "huurders", "werkgevers", "bestuurders",
    "jongerenwerkers", "huisartsen", "schuldhulpverleners", "mantelzorgers", "wijkagenten", "trainers",
    "studenten", "opleiders", "coördinatoren", "sleutelfiguren", "buurtvaders", "buurtmoeders",
]

# Object noun phrases; `§T` is the item's topic.
OBJ = [
    "de signalen van geldzorgen", "het vertrouwen tussen buren", "de talenten van bewoners",
    "een gezamenlijke aanpak", "de samenwerking met scholen", "de leefbaarheid in de straat",
    "de lessen uit eerdere projecten", "de cijfers van de Leefbaarometer", "een vast overleg over zorgen",
    "de vragen van ouders", "het aanbod voor jongeren", "de afspraken over privacy",
    "de ervaringen van bewoners", "een plan van aanpak", "de kansen van kinderen",
    "het gesprek over veiligheid", "de risico's van ondermijning", "de drempels naar hulp",
    "de rol van de huisarts", "de inzet van vrijwilligers", "de resultaten van de pilot",
    "het netwerk rond een gezin", "de overlast in de portiek", "de begeleiding naar werk",
    "de aanpak van §T", "het leren over §T", "kennis over §T", "de praktijk van §T",
    "de gevolgen van §T", "nieuwe vormen van §T", "de vragen over §T", "de knelpunten rond §T",
    "de wachtlijsten in de zorg", "de positie van huurders", "de eenzaamheid onder ouderen",
    "het schoolverzuim", "de taalachterstand bij peuters", "de armoedeval", "de betalingsachterstanden",
    "de huisbezoeken", "het buurtbudget", "de gebiedsanalyse", "de wijkagenda", "de leeragenda",
    "het vakmanschap van professionals", "de stem van bewoners", "de verbinding tussen zorg en veiligheid",
    "de doorlopende leerlijn", "de warme overdracht", "het eigenaarschap van deelnemers",
    "een veilige leeromgeving", "de onderlinge steun", "de sociale samenhang", "de spanningen tussen groepen",
    "de verloedering van de openbare ruimte", "de kwaliteit van woningen", "de toegang tot voorzieningen",
    "de werkzame elementen", "de monitoring van de voortgang", "de evaluatie van het programma",
    "het draagvlak in de buurt", "de lange adem", "de korte lijnen", "de integrale blik",
    "de verhalen achter de cijfers", "de kracht van de buurt", "het sociaal kapitaal",
    "de weerbaarheid van jongeren", "de ronselpraktijken", "de hennepteelt in woningen",
    "de vroegsignalering", "de nazorg na detentie", "de inburgering van nieuwkomers",
    "de gezondheid van kinderen", "de eerste duizend dagen", "de opvoedondersteuning",
]

# Adverbials and prepositional phrases; `§P` is a place.
ADV = [
    "in de wijk", "achter de voordeur", "samen met partners", "op straat", "in het buurthuis",
    "op school", "in de eerste maanden", "zonder extra budget", "met kleine stappen", "vanuit de praktijk",
    "in §P", "al jaren", "sinds 2021", "binnen het wijkteam", "over de grenzen van sectoren heen",
    "in gesprek met bewoners", "dicht bij huis", "op een laagdrempelige manier", "met steun van de gemeente",
    "in korte tijd", "elke week", "in de hele regio", "tijdens de leerkring", "na afloop van het project",
    "aan de keukentafel", "in de buurt van het winkelcentrum", "met behulp van ervaringsdeskundigen",
    "op basis van onderzoek", "in overleg met de corporatie", "met een vast team", "voor langere tijd",
    "in de avonduren", "op het consultatiebureau", "bij de huisarts", "in de bibliotheek",
    "in kleine groepen", "zonder wachtlijst", "stap voor stap", "in heel Nederland", "in het sociaal domein",
    "in de focusgebieden", "tijdens het werkbezoek", "met een duidelijke opdracht", "in de praktijk",
]

# Sentence openers that force verb-second inversion.
CONN = [
    "Daarom", "Daarnaast", "Bovendien", "In de praktijk", "Vaak", "Toch", "Sinds de start", "In veel wijken",
    "Ook", "Volgens de deelnemers", "Op die manier", "Inmiddels", "In de eerste fase", "Uiteindelijk",
    "Steeds vaker", "Soms", "Tegelijk", "In dit voorbeeld", "Na een jaar", "In §P", "Met deze aanpak",
    "Voor veel professionals", "In de tweede tranche", "Sinds 2022", "Juist daarom", "Gelukkig",
    "In de evaluatie", "Tijdens de sessies", "Binnen het programma", "Volgens het onderzoek",
]

# Verbs: (3rd singular, plural = infinitive stem, separable particle or "", particle joins the verb).
VERBS = [
    ("versterkt", "versterken", "", False), ("brengt", "brengen", "in kaart", False),
    ("bespreekt", "bespreken", "", False), ("pakt", "pakken", "aan", True), ("zet", "zetten", "in", True),
    ("houdt", "houden", "vol", True), ("ondersteunt", "ondersteunen", "", False),
    ("herkent", "herkennen", "", False), ("signaleert", "signaleren", "", False),
    ("bereikt", "bereiken", "", False), ("verbindt", "verbinden", "", False),
    ("onderzoekt", "onderzoeken", "", False), ("verbetert", "verbeteren", "", False),
    ("organiseert", "organiseren", "", False), ("deelt", "delen", "", False), ("volgt", "volgen", "", False),
    ("bouwt", "bouwen", "op", True), ("legt", "leggen", "vast", True), ("stelt", "stellen", "centraal", False),
    ("maakt", "maken", "bespreekbaar", False), ("neemt", "nemen", "serieus", False),
    ("werkt", "werken", "uit", True), ("brengt", "brengen", "samen", True), ("pakt", "pakken", "op", True),
    ("zoekt", "zoeken", "op", True), ("vergroot", "vergroten", "", False), ("voorkomt", "voorkomen", "", False),
    ("verkent", "verkennen", "", False), ("evalueert", "evalueren", "", False),
    ("begeleidt", "begeleiden", "", False), ("financiert", "financieren", "", False),
    ("ontwikkelt", "ontwikkelen", "", False), ("meet", "meten", "", False),
    ("verspreidt", "verspreiden", "", False), ("borgt", "borgen", "", False), ("herstelt", "herstellen", "", False),
    ("vertaalt", "vertalen", "", False), ("verdiept", "verdiepen", "", False), ("belicht", "belichten", "", False),
    ("bundelt", "bundelen", "", False), ("coördineert", "coördineren", "", False),
    ("agendeert", "agenderen", "", False), ("benut", "benutten", "", False), ("toetst", "toetsen", "", False),
    ("vereenvoudigt", "vereenvoudigen", "", False), ("beschrijft", "beschrijven", "", False),
    ("geeft", "geven", "vorm", False), ("haalt", "halen", "op", True), ("stemt", "stemmen", "af", True), ("richt", "richten", "in", True),
]


def inf(v):
    """The infinitive: `aanpakken`, `in kaart brengen`, `versterken`."""
    _, pl, part, joined = v
    if not part:
        return pl
    return part + pl if joined else f"{part} {pl}"


def te_inf(v):
    """`aan te pakken`, `in kaart te brengen`, `te versterken`."""
    _, pl, part, _ = v
    return f"{part} te {pl}" if part else f"te {pl}"


ADJ = [
    "belangrijk", "lastig", "waardevol", "noodzakelijk", "haalbaar", "kwetsbaar", "zichtbaar", "effectief",
    "onmisbaar", "vanzelfsprekend", "ingewikkeld", "kostbaar", "veelbelovend", "beslissend", "doorslaggevend",
]

NOUN_ABSTRACT = [
    "een goede samenwerking", "vertrouwen", "tijd om te leren", "een vaste contactpersoon",
    "structurele financiering", "kennis van de wijk", "een open houding", "aandacht voor taal",
    "een lange adem", "ruimte om te experimenteren", "een gedeelde taal", "steun van het bestuur",
    "een duidelijke rolverdeling", "contact met de buurt", "goede voorlichting", "nazorg",
    "een heldere opdracht", "betrokkenheid van bewoners", "een sterk netwerk", "moed om los te laten",
]

GROUPS = [
    "bewoners met schulden", "jonge ouders", "nieuwkomers", "ouderen die alleen wonen",
    "jongeren zonder startkwalificatie", "gezinnen in armoede", "werkzoekenden", "mensen met verward gedrag",
    "huurders", "mantelzorgers", "kinderen in de basisschoolleeftijd", "statushouders", "werkende armen",
    "alleenstaande moeders", "mensen met een licht verstandelijke beperking", "zwangere vrouwen",
    "jongeren die worden geronseld", "bewoners van hoogbouwflats", "ondernemers in de wijk",
]

SOURCES = [
    "Movisie", "Platform31", "het Verwey-Jonker Instituut", "het Nederlands Jeugdinstituut", "Pharos",
    "de WRR", "het CCV", "het SCP", "de VNG", "Divosa", "de deelnemers", "de evaluatie", "de onderzoekers",
    "de Leefbaarometer", "de veiligheidsmonitor", "het CBS",
]

STUDIES = [
    "onderzoek", "de evaluatie", "de monitor", "de literatuur", "eerdere programma's", "de praktijk",
    "gesprekken met bewoners", "de leerkringen", "de werkbezoeken", "de Leefbaarometer", "cijfers van het CBS",
]

QUOTES = [
    "We moeten eerst luisteren en dan pas handelen.",
    "Het gaat niet om het project, het gaat om de mensen in de straat.",
    "Zonder vertrouwen kom je nergens binnen.",
    "Ik had nooit gedacht dat buren elkaar zo konden helpen.",
    "Je moet er gewoon zijn, ook als er even niets gebeurt.",
    "Door de leerkring kijk ik anders naar mijn eigen werk.",
    "De bewoners weten zelf vaak het beste wat nodig is.",
    "Kleine successen maken het verschil voor de motivatie.",
    "We leerden vooral van de dingen die niet lukten.",
    "Samen aan tafel zitten is het begin, niet het einde.",
    "Het kost tijd, maar daarna gaat het sneller.",
    "Mensen komen pas als ze weten dat ze welkom zijn.",
]

YEARS = [str(y) for y in range(2008, 2027)]

# ---- places and names ---------------------------------------------------------------

CITIES = [
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
    "Nijmegen", "Arnhem", "Haarlem", "Enschede", "Apeldoorn", "Amersfoort", "Zaanstad", "Zwolle", "Leeuwarden",
    "Maastricht", "Dordrecht", "Zoetermeer", "Leiden", "Emmen", "Venlo", "Deventer", "Delft", "Helmond",
    "Heerlen", "Alkmaar", "Lelystad", "Hilversum", "Schiedam", "Vlaardingen", "Roosendaal", "Nieuwegein",
    "Gouda", "Hengelo", "Oss", "Purmerend", "Kerkrade", "Den Helder", "Assen", "Middelburg", "Vlissingen",
    "Sittard", "Hoorn", "Spijkenisse", "Capelle aan den IJssel", "Veenendaal", "Zeist",
]

NEIGHBOURHOODS = [
    "Overvecht", "Kanaleneiland", "Hoge Vucht", "Presikhaaf", "Bijlmermeer", "Slotervaart", "Geuzenveld",
    "Moerwijk", "Bouwlust", "Wielwijk", "Crabbehof", "Selwerd", "Paddepoel", "Heechterp", "Schieringen",
    "Poelenburg", "Peldersveld", "Kroeven", "Langdonk", "Woensel-Zuid", "Tongelre", "Malburgen",
    "Het Zand", "De Kolenkit", "Transvaal", "Schilderswijk", "Tarwewijk", "Carnisse", "Bloemhof",
    "Hillesluis", "Feijenoord", "Charlois", "Pendrecht", "Zuidwijk", "Ommoord", "Lombardijen", "Heerlerheide",
    "Hoensbroek", "Meezenbroek", "Chevremont", "Atolwijk", "Boswijk", "Voorhof", "Buitenhof", "Westwijk",
    "Babberspolder", "Nieuwland", "Holtenbroek", "Diezerpoort", "Velve-Lindenhof", "De Wierden",
    "Klarendal", "Spijkerkwartier", "Lewenborg", "Beijum", "Vinkhuizen", "Kruiskamp", "Hengelo-Noord",
    "Noordoost", "Stokhasselt", "Groenewoud", "Rode Dorp", "Stadsdennen", "Muziekwijk", "Kolenkit",
]

FIRST_NAMES = [
    "Anna", "Bram", "Charlotte", "Daan", "Emma", "Fatima", "Gijs", "Hanneke", "Ingrid", "Jeroen", "Karin",
    "Lars", "Maartje", "Nadia", "Olaf", "Petra", "Quinten", "Rachida", "Sander", "Tessa", "Umut", "Vera",
    "Willem", "Yasmina", "Zeynep", "Ahmed", "Bregje", "Cor", "Dewi", "Esther", "Frank", "Gerda", "Hamid",
    "Ilse", "Joost", "Kees", "Linda", "Mohamed", "Noor", "Orlando", "Pieter", "Ricardo", "Sanne", "Thijs",
    "Ursula", "Vincent", "Wendy", "Youssef", "Zoë", "Anouk", "Bart", "Carla", "Dirk", "Eline", "Femke",
    "Gert", "Hester", "Iris", "Jan", "Kim", "Lotte", "Marieke", "Niels", "Omar", "Priya", "Rik", "Saskia",
    "Tom", "Vincent", "Wouter", "Yara", "Ayşe", "Mehmet", "Siham", "Khadija", "Dennis", "Marloes", "Ruud",
]

# (prefix, surname): "van der", "Meer".
SURNAMES = [
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van Dijk", ""), ("", "Bakker"), ("", "Visser"),
    ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"),
    ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("van", "Beek"), ("", "Hoekstra"),
    ("", "Wolters"), ("", "Bouzid"), ("", "Amrani"), ("", "Chaouch"), ("", "Yilmaz"), ("", "Kaya"),
    ("", "Martis"), ("", "Öztürk"), ("", "El Idrissi"), ("", "Postma"), ("", "Kuipers"), ("van", "Dam"),
    ("", "Veenstra"), ("", "Schouten"), ("van", "Alkemade"), ("", "Willems"), ("", "Hermans"),
    ("", "Koster"), ("", "Prins"), ("", "Huisman"), ("", "Kramer"), ("", "Verhoeven"), ("", "Sedney"),
    ("", "Ramdin"), ("", "Pinas"), ("", "Boukhari"), ("", "Tahiri"), ("van", "Wijk"), ("ter", "Horst"),
]

JOB_TITLES = [
    "Adviseur sociaal domein", "Wijkcoördinator", "Beleidsadviseur leefbaarheid", "Onderzoeker",
    "Programmamanager", "Jongerenwerker", "Ervaringsdeskundige armoede", "Opbouwwerker", "Trainer",
    "Wijkregisseur", "Senior adviseur", "Projectleider", "Buurtcoach", "Lector sociale veerkracht",
    "Docent sociaal werk", "Gebiedsmanager", "Schuldhulpverlener", "Jeugdverpleegkundige",
    "Kwartiermaker", "Coördinator vrijwilligers", "Huisarts", "Wijkagent", "Teamleider wijkteam",
]

# Organisation name parts by org_type code.
ORG_FORMS = [
    ("welzijnsorganisatie", ["Welzijn", "Stichting Welzijn", "Buurtwerk"]),
    ("woningcorporatie", ["Woonstichting", "Woonbedrijf", "Wooncorporatie"]),
    ("maatschappelijke-organisatie", ["Stichting", "Vereniging", "Coöperatie"]),
    ("bewonersorganisatie", ["Bewonersvereniging", "Huurdersvereniging", "Bewonersplatform"]),
    ("zorgorganisatie", ["Zorggroep", "Zorgcentrum", "GGZ"]),
    ("onderwijsinstelling", ["Hogeschool", "ROC", "Scholengroep"]),
    ("adviesbureau", ["Adviesbureau", "Bureau", "Atelier"]),
    ("kennisinstituut", ["Kenniscentrum", "Instituut", "Expertisecentrum"]),
    ("werkbedrijf", ["Werkbedrijf", "Werkplein", "Leerwerkbedrijf"]),
    ("netwerk", ["Netwerk", "Platform", "Alliantie"]),
    ("programmabureau", ["Programmabureau", "Wijkprogramma", "Gebiedsprogramma"]),
    ("overheidsorganisatie", ["Gemeente", "Regio", "Veiligheidsregio"]),
]

ORG_NAMES = [
    "De Brug", "Buurtkracht", "De Kade", "Samen Sterk", "De Wending", "Het Anker", "De Horizon",
    "Kompas", "De Schakel", "Wijkwijzer", "De Omslag", "Zuidwaarts", "Noorderlicht", "Op Koers",
    "De Verbinding", "Thuis in de Wijk", "Het Kruispunt", "De Boog", "Groen en Doen", "Krachtig Thuis",
    "De Regenboog", "Vitaal", "Perspectief", "Het Startpunt", "Open Huis", "De Buurvrouw", "Meedoen",
    "De Werf", "Ruimte", "Buurtgenoten", "Vooruit", "De Stadsmakers", "Present", "Talentenhuis",
]

# ---- themes ---------------------------------------------------------------------------

# Root themes: (title, kind, synonyms).
ROOT_THEMES = [
    ("Armoede en schulden", "leefgebied", ["geldzorgen", "schuldhulp", "bestaanszekerheid"]),
    ("Integrale aanpak", "werkwijze", ["samenwerking", "domeinoverstijgend werken"]),
    ("Veiligheid", "leefgebied", ["criminaliteit", "overlast"]),
    ("Ondermijning", "leefgebied", ["georganiseerde misdaad", "drugscriminaliteit"]),
    ("Wonen en woonomgeving", "leefgebied", ["huisvesting", "openbare ruimte"]),
    ("Gezondheid", "leefgebied", ["welzijn", "preventie"]),
    ("Onderwijs en talentontwikkeling", "leefgebied", ["kansengelijkheid", "school"]),
    ("Werk en inkomen", "leefgebied", ["arbeidsmarkt", "participatie"]),
    ("Bewonersparticipatie", "werkwijze", ["inspraak", "zeggenschap", "burgerkracht"]),
    ("Jeugd en opvoeding", "leefgebied", ["opvoedondersteuning", "jeugdhulp"]),
    ("Leefbaarheid", "leefgebied", ["prettig wonen", "schone straten"]),
    ("Vertrouwen", "leefgebied", ["vertrouwen in instituties", "sociale cohesie"]),
    ("Preventieve signalering", "werkwijze", ["vroegsignalering", "signaleren"]),
    ("Gebiedsgerichte aanpak", "werkwijze", ["wijkaanpak", "gebiedsaanpak"]),
    ("Leren en innoveren", "werkwijze", ["leeromgeving", "professionalisering"]),
    ("Ervaringsdeskundigheid", "werkwijze", ["ervaringskennis"]),
    ("Vrijwillige inzet", "leefgebied", ["vrijwilligerswerk", "informele zorg"]),
    ("Sociale mobiliteit", "leefgebied", ["sociale stijging", "kansen"]),
    ("Gemengde wijken", "leefgebied", ["menging", "diversiteit"]),
    ("Ontwikkeling jonge kind", "leefgebied", ["kansrijke start", "eerste duizend dagen"]),
    ("Re-integratie", "programmathema", ["arbeidstoeleiding", "baangarantie"]),
    ("Veerkracht en weerbaarheid", "leefgebied", ["weerbaarheid", "veerkracht"]),
    ("Achter de voordeur", "werkwijze", ["huisbezoek", "outreachend werken"]),
    ("Eenzaamheid", "leefgebied", ["sociaal isolement"]),
    ("Taal en inburgering", "leefgebied", ["laaggeletterdheid", "inburgering"]),
    ("Mentale gezondheid", "leefgebied", ["psychische klachten", "verward gedrag"]),
    ("Energiearmoede", "programmathema", ["energierekening", "isolatie"]),
    ("Digitale inclusie", "programmathema", ["digitale vaardigheden"]),
    ("Sport en bewegen", "leefgebied", ["buurtsport"]),
    ("Cultuur in de wijk", "leefgebied", ["kunst", "cultuurparticipatie"]),
    ("Zorg en welzijn", "leefgebied", ["wijkzorg"]),
    ("Polarisatie", "leefgebied", ["spanningen", "radicalisering"]),
    ("Huiselijk geweld", "leefgebied", ["kindermishandeling"]),
    ("Jongerenwerk", "werkwijze", ["straathoekwerk"]),
    ("Data en monitoring", "werkwijze", ["wijkcijfers", "monitor"]),
    ("Lokale economie", "leefgebied", ["ondernemerschap"]),
    ("Duurzaamheid in de wijk", "programmathema", ["vergroening", "klimaatadaptatie"]),
    ("Openbare ruimte", "leefgebied", ["speelplekken", "groen"]),
    ("Ouderen in de wijk", "leefgebied", ["vergrijzing", "langer thuis wonen"]),
    ("Nieuwkomers", "leefgebied", ["statushouders", "arbeidsmigranten"]),
]

# Aspects that make a child theme: "Armoede en schulden bij jongeren".
ASPECTS = [
    "bij jongeren", "bij ouderen", "in de buurt", "voor nieuwkomers", "in gemengde wijken", "op school",
    "in de openbare ruimte", "rond de eerste duizend dagen", "met ervaringsdeskundigen",
    "vanuit de huisartsenpraktijk", "in dorpen en kleine kernen", "in hoogbouwwijken", "met digitale middelen",
    "op de werkvloer", "tussen generaties", "binnen het wijkteam", "met woningcorporaties", "in de regio",
    "bij statushouders", "bij mensen met een licht verstandelijke beperking", "voor mantelzorgers",
    "bij eenoudergezinnen", "in het mbo", "bij werkende armen", "voor kinderen", "in de zorg",
    "met vrijwilligers", "in het onderwijs", "bij zwangeren", "na detentie", "in de nachtelijke uren",
    "rond de jaarwisseling", "in naoorlogse wijken", "in krimpgebieden", "met sportverenigingen",
    "in de bibliotheek", "via het consultatiebureau", "met werkgevers", "met de politie", "in het buurthuis",
    "bij huurders", "bij zzp'ers", "in de schuldhulpverlening", "met bewonersbudgetten", "in de jeugdhulp",
    "in het sociaal domein", "bij laaggeletterden", "met data", "in de leerkring", "op wijkniveau",
]

# Third-level qualifiers: "Armoede en schulden bij jongeren: onderzoek en monitoring".
FACETS = [
    "aanpak en methoden", "onderzoek en monitoring", "beleid en financiering", "praktijk en vakmanschap",
    "samenwerking en regie", "preventie en vroegsignalering", "bewoners aan zet", "opleiding en training",
]

# ---- per-type words -------------------------------------------------------------------

OFFER_TYPES = [
    ("werkatelier", "Werkatelier"), ("leernetwerk", "Leernetwerk"), ("training", "Training"),
    ("cursus", "Cursus"), ("masterclass", "Masterclass"), ("webinar", "Webinar"),
    ("e-learning", "E-learning"), ("intervisie", "Intervisie"), ("werkbezoek", "Werkbezoek"),
    ("conferentie", "Conferentie"), ("community-of-practice", "Community of practice"),
    ("coaching", "Coaching"), ("opleiding", "Opleiding"), ("leertraject", "Leertraject"),
]

PUBLICATION_TYPES = [
    ("toolkit", "Toolkit"), ("handreiking", "Handreiking"), ("notitie", "Notitie"), ("e-book", "E-book"),
    ("boek", "Boek"), ("rapport", "Rapport"), ("onderzoek", "Onderzoek"), ("factsheet", "Factsheet"),
    ("monitor", "Monitor"), ("programma", "Programmadocument"), ("verslag", "Verslag"), ("artikel", "Artikel"),
]

AUDIENCES = [
    ("bestuurders", "Bestuurders"), ("beleidsmakers", "Beleidsmakers"), ("wijkprofessionals", "Wijkprofessionals"),
    ("bewoners", "Bewoners"), ("vrijwilligers", "Vrijwilligers"), ("ervaringsdeskundigen", "Ervaringsdeskundigen"),
    ("onderzoekers", "Onderzoekers"), ("opleiders", "Docenten en opleiders"),
    ("corporatiemedewerkers", "Medewerkers van woningcorporaties"), ("jongerenwerkers", "Jongerenwerkers"),
]

PRACTICE_ACTIVITIES = [
    "Buurtbudget", "Signaleringstafel", "Huiskamer van de wijk", "Geldzorgenspreekuur", "Buurtcoaches",
    "Huismeesters signaleren", "Ervaringsmaatjes", "Naschools programma", "Vertrouwenspersonen in de flat",
    "Werkplaats voor werkzoekenden", "Taal en werk", "Wijkagent en jongerenwerker samen", "Ouderkamer",
    "Buurtmoeders", "Schuldenvrij de wijk in", "Straatgesprekken", "Moestuin als ontmoetingsplek",
    "Wijkleerbedrijf", "Sportief naar werk", "Kansrijke start", "Eropaf", "Keukentafelgesprekken",
    "Ontmoetingscafé", "Buurtpreventie-app", "Repaircafé", "Wijkwinkel", "Jongerenraad", "Talentenjacht",
    "Voorleesexpress", "Energiecoaches", "Digicafé", "Buurtvaders", "Portiekgesprekken", "Wijkdialoog",
]

INTERVENTION_NAMES = [
    "Buurtcoaches voor werk", "Eropaf", "Ervaringsmaatjes", "Signaleringstafel", "Stevig van start",
    "Wijkdialoog", "Jongeren weerbaar", "Asset Based Community Development", "Samen Doen",
    "Schuldenlab", "Vroeg Eropaf", "Thuis in de Buurt", "Sterk in je Wijk", "Moeders Informeren Moeders",
    "Buurtgezinnen", "Home-Start", "Voorzorg", "Sociaal Vitaal", "Welzijn op Recept", "Samen Starten",
    "Kansrijke Wijk", "Eigen Kracht-conferentie", "Wijk aan Zet", "De Gezonde Buurt", "Sterke Schakels",
]

QUESTION_TEMPLATES = [
    "Hoe bereik je {group} bij {topic}?",
    "Wat werkt bij {topic}?",
    "Hoe betrek je {group} bij {topic}?",
    "Welke rol heeft {actor} bij {topic}?",
    "Waar vind ik cijfers over {topic} in {place}?",
    "Hoe houd je een aanpak van {topic} vol?",
    "Hoe meet je of de aanpak van {topic} werkt?",
    "Wat leren we van {place} over {topic}?",
    "Hoe werken {actors} samen aan {topic}?",
    "Hoe voorkom je dat {group} afhaken bij {topic}?",
]

GAP_TEMPLATES = [
    "Weinig aanbod over {topic}",
    "Leren over {topic} over sectoren heen",
    "{Topic}: van losse projecten naar leren",
    "Praktijkkennis over {topic} ontbreekt",
    "{Topic} voor {group}",
]

HEADINGS = [
    "Waarom dit ertoe doet", "Aanpak", "Wat werkt", "Wat levert het op?", "Voor wie?", "Lessen uit de praktijk",
    "Achtergrond", "Resultaten", "Aandachtspunten", "Samenwerking", "Financiering",
    "Wat vraagt dit van professionals?", "Wat kun je morgen doen?", "De rol van bewoners", "Hoe verder?",
    "Ervaringen uit §P", "Cijfers en feiten", "Het verhaal achter de cijfers", "Werkwijze", "Opbrengsten",
    "Knelpunten", "Succesfactoren", "Randvoorwaarden", "Inhoud en opzet", "Programma", "Praktische informatie",
    "Wat zeggen deelnemers?", "Vervolg", "Verantwoording", "Kernboodschappen", "Aanbevelingen",
]

LINK_SENTENCES = [
    "Lees ook [{t}]({h}).",
    "Meer hierover staat in [{t}]({h}).",
    "Zie ook [{t}]({h}).",
    "Dit sluit aan bij [{t}]({h}).",
    "Een goed voorbeeld is [{t}]({h}).",
    "Vergelijk dit met [{t}]({h}).",
    "De ervaringen uit [{t}]({h}) laten hetzelfde zien.",
    "Wie verder wil lezen, begint bij [{t}]({h}).",
]


def cap(s):
    return s[:1].upper() + s[1:]


def sentence(r):
    """One grammatical Dutch sentence, with `§T`/`§P` markers left in."""
    t = r.randrange(12)
    ch = r.choice
    if t == 0:
        v = ch(VERBS)
        s = f"{ch(SUBJ_SG)} {v[0]} {ch(OBJ)} {ch(ADV)}"
        return cap(f"{s} {v[2]}".rstrip()) + "."
    if t == 1:
        v = ch(VERBS)
        s = f"{ch(CONN)} {v[0]} {ch(SUBJ_SG)} {ch(OBJ)} {ch(ADV)} {v[2]}"
        return s.rstrip() + "."
    if t == 2:
        v = ch(VERBS)
        s = f"{ch(SUBJ_PL)} {v[1]} {ch(OBJ)} {ch(ADV)} {v[2]}"
        return cap(s.rstrip()) + "."
    if t == 3:
        v = ch(VERBS)
        s = f"{ch(CONN)} {v[1]} {ch(SUBJ_PL)} {ch(OBJ)} {v[2]}"
        return s.rstrip() + "."
    if t == 4:
        v = ch(VERBS)
        return f"Wie {ch(OBJ)} wil {inf(v)}, begint {ch(ADV)}."
    if t == 5:
        return cap(f"{ch(NOUN_ABSTRACT)} is {ch(ADJ)} voor {ch(GROUPS)}.")
    if t == 6:
        v = ch(VERBS)
        return f"Het doel is om {ch(OBJ)} {ch(ADV)} {te_inf(v)}."
    if t == 7:
        v = ch(VERBS)
        s = f"Volgens {ch(SOURCES)} {v[0]} {ch(SUBJ_SG)} {ch(OBJ)} {v[2]}"
        return s.rstrip() + "."
    if t == 8:
        return f"Dat vraagt om {ch(NOUN_ABSTRACT)} en {ch(NOUN_ABSTRACT)}."
    if t == 9:
        v = ch(VERBS)
        return cap(f"uit {ch(STUDIES)} blijkt dat {ch(SUBJ_PL)} {ch(OBJ)} {ch(ADV)} {inf(v)}.")
    if t == 10:
        return f"In §P werken {ch(SUBJ_PL)} sinds {ch(YEARS)} samen aan {ch(OBJ)}."
    return f'Een deelnemer zegt: "{ch(QUOTES)}"'


def bullet(r):
    """A list item: an infinitive phrase, `De signalen van geldzorgen vroeg herkennen.`"""
    v = r.choice(VERBS)
    if r.randrange(3) == 0:
        return cap(f"{r.choice(NOUN_ABSTRACT)} voor {r.choice(GROUPS)}")
    return cap(f"{r.choice(OBJ)} {r.choice(ADV)} {inf(v)}")
