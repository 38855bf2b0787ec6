"""French language data for the value grammar.

Data only: word lists and small tables.  Every entry is written without
accents where the grammar matches on the folded text (``text.fold``), so
"décembre" is listed as "decembre"; display forms keep their accents.
"""

CODE = "fr"

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre")
# Abbreviated months, read only with their full stop or before a year: "15 fév. 2013", "sept. 2014".
MONTH_ABBREVIATIONS = {"jan": 1, "janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Month names in dated URLs ("/2023/feb/01/", "/2023/fevrier/01/"): the English forms web sites use too.
URL_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12, "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
# A dateline opens the body: a place in capitals, a date, an agency: "MOSCOU, 7 déc 2021 (AFP) -".
DATELINE_AGENCIES = ("AFP", "Reuters", "AP", "Belga", "ATS", "ANP")
# Two-digit years ("31/10/74"): up to ten years after the publication year they are this century.
TWO_DIGIT_YEAR_AHEAD = 10
# Words before a day/month without a year: "le 14/03".
NUMERIC_DATE_DETERMINERS = ("le", "du", "au")
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# After a weekday: "mardi prochain" is ahead of the publication day, "mardi dernier" behind it.
WEEKDAY_AHEAD = ("prochain", "qui vient")
WEEKDAY_BEHIND = ("dernier", "passe")
# Before a weekday, a limit that lies ahead whatever the tense: "le deuil se poursuit jusqu'à dimanche".
WEEKDAY_LIMITS_AHEAD = ("jusqu'a", "jusqu'au", "d'ici", "d'ici a")
# Relative day words, in days from the publication date.
RELATIVE_DAYS = {"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2, "apres-demain": 2}
# The first day of a month: "le 1er janvier".
FIRST_OF_MONTH = ("1er", "premier")
# Between the two days of a range: "les 9 et 10 janvier", "du 9 au 10 janvier".
DAY_RANGE_JOINERS = ("et", "au", "a", "-")
# Joiners that coordinate two days rather than bound an interval: "les 7 et 11 février", "le 7 et le 11
# février", "mardi 7 et samedi 11 février" are two dates ("entre le 7 et le 11" is read as a range before).
DAY_LIST_JOINERS = ("et",)
# Month prepositions that open or close an interval: "depuis janvier", "jusqu'en mars".
MONTH_PREPOSITION_QUALIFIERS = {"depuis": "at_least", "des": "at_least", "a partir de": "at_least",
                                "jusqu'en": "at_most", "avant": "at_most"}
# Parts of a month: (first day, last day); 31 stands for the month's last day.
MONTH_PARTS = {"debut": (1, 10), "mi": (11, 20), "fin": (21, 31), "courant": (1, 31),
               "premier jour": (1, 1), "dernier jour": (31, 31)}
# Prepositions that make a month name or a year a date: "en janvier", "de janvier", "en 2014".
MONTH_PREPOSITIONS = ("en", "de", "d'", "des", "dès", "depuis", "a partir de", "au mois de", "mois de", "pour", "jusqu'en", "avant", "apres")
YEAR_PREPOSITIONS = ("en", "depuis", "l'annee", "de l'annee", "des", "dès", "jusqu'en", "avant", "apres", "fin", "debut", "mi")

# "de" and its elided form, between a quantity and what it counts: "des milliers de", "près d'une".
OF = ("de", "d'")
# Words that join number words: "vingt et un", "dix-sept".
NUMBER_JOINERS = ("et", "-", "-et-")
# Number words for text2num: the grammar finds a run of them, text2num reads it.
NUMBER_WORDS = (
    "zero", "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante",
    "cinquante", "soixante", "septante", "huitante", "octante", "nonante", "cent", "cents", "mille",
)
# Number words text2num does not read.
NUMBER_WORD_VALUES = {"zero": 0}
# Scale words inside a run of number words: "un million deux cent mille".
SCALE_WORDS = ("million", "millions", "milliard", "milliards")
# Letters written against a number: "100K", "1,2M" (upper case only for M: "10m" is ten metres).
NUMBER_SUFFIXES = {"k": 1_000, "K": 1_000, "M": 1_000_000, "Md": 1_000_000_000, "Mds": 1_000_000_000}
# A sign before digits: "-1200", "moins 1200" (not "- 1200": a dash and a space open a list item).
MINUS_SIGNS = ("-", "\u2212", "moins ")
# Half a scale or unit more: "deux millions et demi".
HALF_WORDS = ("et demi", "et demie")
# Fractions of an hour written in figures: "1/4 h", "3/4h".
HOUR_FRACTIONS = {"1/4": 15, "1/2": 30, "3/4": 45}
HOUR_ABBREVIATIONS = ("h", "heure", "heures")
# Verbs before a count that make "un"/"une" a number, not an article: "l'attaque a fait un mort".
COUNT_VERBS_BEFORE = ("a fait", "ont fait", "a fait au moins", "faisant", "fait", "compte", "comptait", "recense",
                      "denombre", "deplore", "on deplore", "bilan de", "bilan provisoire de", "il y a eu", "il y a")
# A number word is the subject of its verb, its noun left out: "deux personnes ont perdu la vie, et seize ont
# été blessées" (a count); after a determiner it names people already counted ("les deux ont été reçus",
# "l'un des deux").
NUMBER_SUBJECT_DETERMINERS = ("les", "des", "ces", "aux", "leurs", "nos", "vos", "ses", "mes", "tes", "le", "la", "l'",
                              "du", "au")
# Elisions a quantity may follow: "qu'une demi-heure".
QUANTITY_ELISIONS = ("qu'", "jusqu'", "d'")
# Scale words after a number: "1,28 million", "trois milliards".
SCALES = {"mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000}
# Approximate nouns: "une cinquantaine" is about 50.
APPROX_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}
# Determiners before an approximate noun: "une cinquantaine", "d'une centaine".
APPROX_NOUN_DETERMINERS = ("un", "une", "la", "d'un", "d'une")
# Plural vague quantities: "des dizaines de milliers" spans two to ten times the unit.
VAGUE_UNITS = {"dizaines": 10, "centaines": 100, "milliers": 1000, "millions": 1_000_000, "milliards": 1_000_000_000}
VAGUE_DETERMINERS = ("des", "de", "plusieurs", "quelques", "d'innombrables")
# "quelques" before a unit: a few, read as 2 to 9 (plusieurs: 2 to 9 as well).
FEW = ("quelques", "plusieurs")
FEW_RANGE = (2, 9)

# Markers before a quantity: (qualifier, low factor, high factor); None = unbounded.
# Factors multiply the stated value.  News rounds before it hedges, so "environ 70 000" and "quelque
# 94 000" stand within about 5 % of the figure (66 500-73 500); "près de deux heures" is just below the
# figure and never above it (down to a sixth less: 100-120 minutes).
ABOUT = ("approx", 0.95, 1.05)
NEARLY = ("approx", 5 / 6, 1.0)
# A count "près de" a figure stands below it by at most one unit of the figure's last written digit, and
# never more than this share of it: "près de 1,3 million" is 1,2 to 1,3 million, "près de 1 500" 1 400 to
# 1 500, "près de 100 000" 85 000 to 100 000 (news rounds up to the next round figure, not further).
NEARLY_COUNT_SHORTFALL = 0.15
APPROX_MARKERS = {
    "environ": ABOUT,
    "quelque": ABOUT,
    "a peu pres": ABOUT,
    "approximativement": ABOUT,
    "autour de": ABOUT,
    "aux alentours de": ABOUT,
    "de l'ordre de": ABOUT,
    "pres de": NEARLY,
    "presque": NEARLY,
    "quasiment": NEARLY,
    "pas loin de": NEARLY,
    "un peu plus de": ("more_than", 1.0, 1.1),
    "un peu moins de": ("less_than", 0.9, 1.0),
    "plus de": ("more_than", 1.0, None),
    "pas moins de": ("at_least", 1.0, None),
    "au moins": ("at_least", 1.0, None),
    "moins de": ("less_than", 0.0, 1.0),
    "au plus": ("at_most", 0.0, 1.0),
    "au maximum": ("at_most", 0.0, 1.0),
    "jusqu'a": ("at_most", 0.0, 1.0),
    "pas plus de": ("at_most", 0.0, 1.0),
}
# A verb that puts a toll near or past a figure: "le bilan approche donc les 1 500 morts", "dépasse ainsi
# 7 800 morts" (with the adverbs and the article news puts between).
_NEAR_VERBS = ("approche", "approchent", "avoisine", "avoisinent", "frole", "frolent")
_PAST_VERBS = ("depasse", "depassent", "excede", "excedent", "franchit", "franchissent")
for _verb in _NEAR_VERBS + _PAST_VERBS:
    for _adverb in ("", " donc", " ainsi", " deja", " desormais", " maintenant"):
        for _article in ("", " les"):
            APPROX_MARKERS.setdefault(_verb + _adverb + _article, NEARLY if _verb in _NEAR_VERBS else ("more_than", 1.0, None))
# "environ" is as wide as half the figure's rounding, within bounds: "environ 70 000" (rounded to ten
# thousand) reaches 5 % either side, "quelque 94 000" (rounded to the thousand) 1 %.
# (least width, most width, share of one unit of the last written digit), by marker.
ROUNDING_HEDGES = {ABOUT: (0.01, 0.05, 0.5)}
# Approximate clock times: "vers 15h30" is 15h20 to 15h40.
# Approximate clock times: minutes before and after the time stated ("vers 15h30" is 15h20 to
# 15h40; "peu avant 22 heures" is 21h45 to 22h, "peu après 10h15" 10h15 to 10h30).
TIME_APPROX_MARKERS = {"vers": (10, 10), "aux alentours de": (10, 10), "autour de": (10, 10), "environ": (10, 10),
                       "plutot vers": (10, 10), "peu avant": (15, 0), "peu apres": (0, 15),
                       "juste avant": (5, 0), "juste apres": (0, 5)}
# A clock time stated to the minute ("vers 18h08", not on a multiple of five) is hedged this much at most.
TIME_HEDGE_TO_THE_MINUTE = 5
# Open clock times: the qualifier of the open interval ("avant 11h" ends at 11h, "dès 8h15" starts there).
TIME_OPEN_MARKERS = {"avant": "less_than", "jusqu'a": "at_most", "apres": "more_than", "a partir de": "at_least",
                     "a compter de": "at_least",
                     "des": "at_least", "depuis": "at_least", "au-dela de": "more_than"}
TIME_PREPOSITIONS = ("a", "des", "vers", "jusqu'a", "avant", "apres", "de", "entre", "depuis", "aux alentours de", "autour de")

# Ranges stated as one interval: an opener and the joiner that goes with it ("entre X et Y",
# "de X à Y", "du 3 au 6 mars"); without an opener "6 à 8 000 manifestants" and "9h30 - 11h00".
RANGE_OPENERS = {"entre": ("et",), "de": ("a", "jusqu'a"), "d'": ("a", "jusqu'a"), "du": ("au", "a")}
RANGE_JOINERS = ("et", "a", "au", "jusqu'a", "-", "\u2013")
BARE_RANGE_JOINERS = ("a", "-", "\u2013")
# Words before a day number of a range: "entre le 3 et le 6 mars".
RANGE_DAY_DETERMINERS = ("le",)
# Verbs of change (stems, folded, and their endings): "passé de 1 000 à 2 000" gives the two
# values, not a range; "un montant de 3 à 4 millions" is a range ("-ant" is no ending here).
CHANGE_VERB_STEMS = (
    "pass", "grimp", "mont", "chut", "tomb", "baiss", "augment", "recul", "bond", "progress", "evolu",
    "descend", "envol", "diminu", "ramen", "relev", "port", "redui", "gonfl", "explos", "hauss",
    "abaiss", "rehauss", "allong", "raccourc", "revis", "avanc", "decal", "report", "repouss", "fix",
)
CHANGE_VERB_ENDINGS = ("e", "es", "ent", "er", "ait", "aient", "era", "eront", "ee", "ees", "i", "ie", "is", "it",
                       "u", "ue", "us", "t", "te", "ts", "tes")
# Words allowed between a change verb and its "de": "est passé brutalement de", "a été ramené à".
CHANGE_GAP_WORDS = 2

# Duration units in minutes.
DURATION_UNITS = {
    "seconde": 1 / 60, "secondes": 1 / 60, "sec": 1 / 60, "secs": 1 / 60,
    "minute": 1, "minutes": 1, "min": 1, "mins": 1, "mn": 1,
    "heure": 60, "heures": 60, "h": 60, "demi-heure": 30, "demi-heures": 30,
    "quart d'heure": 15, "quarts d'heure": 15,
    "jour": 1440, "jours": 1440, "journee": 1440, "journees": 1440,
    "semaine": 10080, "semaines": 10080,
    "mois": 43200, "trimestre": 129600, "trimestres": 129600, "semestre": 259200, "semestres": 259200,
    "an": 525600, "ans": 525600, "annee": 525600, "annees": 525600,
}
# Calendar units, in months: "trois mois" is 89 to 92 days, not 90 days flat.  (Years stay 365 days:
# a leap day is no disagreement a desk would raise.)
CALENDAR_UNITS = {"mois": 1, "trimestre": 3, "trimestres": 3, "semestre": 6, "semestres": 6}
# Words that make a duration an offset or a window rather than a length.
DURATION_RELATIONS_AFTER = {"avant": "before", "plus tot": "before", "auparavant": "before", "apres": "after", "plus tard": "after"}
DURATION_RELATIONS_BEFORE = {"il y a": "before", "dans": "after", "en": "within", "depuis": "since", "d'ici": "within"}
# Adjectives allowed between a number and its unit: "les deux derniers mois".
UNIT_ADJECTIVES = ("derniers", "dernieres", "prochains", "prochaines", "premiers", "premieres", "longues", "longs", "bonnes", "petites")

# Adjectives that hedge a unit: "une bonne demi-heure" is 30 to 37 minutes, "une petite demi-heure" 24 to 30.
UNIT_HEDGE_ADJECTIVES = {
    "bon": (1.0, 1.25), "bonne": (1.0, 1.25), "bons": (1.0, 1.25), "bonnes": (1.0, 1.25),
    "grand": (1.0, 1.25), "grande": (1.0, 1.25), "grands": (1.0, 1.25), "grandes": (1.0, 1.25),
    "petit": (0.8, 1.0), "petite": (0.8, 1.0), "petits": (0.8, 1.0), "petites": (0.8, 1.0),
}
# Markers after a quantity: "3 000 policiers environ", "trois heures environ".
APPROX_MARKERS_AFTER = ("environ", "a peu pres", "approximativement")
# Words before a number that make it a reference, not a value: "résolution 2334", "p. 12", "article 49".
REFERENCE_WORDS = (
    "resolution", "article", "articles", "alinea", "paragraphe", "chapitre", "p.", "page", "pages", "n°", "no",
    "numero", "loi", "decret", "dossier", "vol", "ligne", "lignes", "route", "autoroute", "porte", "salle", "bus",
    "vol.", "tome", "rang", "code", "matricule", "departement", "circonscription", "arrondissement", "episode",
)
# Figures that are never values: phone numbers ("04 91 22 33 44"), postcodes before a town
# ("13001 Marseille").  Patterns on the folded text.  (Scores and periods, "2-0", "39-45", are
# built in the grammar: two figures joined by a dash with no unit after them.)
NON_VALUES = (
    r"(?:\+33\s?|0)\d(?:[\s.]?\d\d){4}(?!\d)",
    r"\d{5}(?=\s+(?-i:[A-Z]))",
)

# Time zones: a name as written -> IANA zone.
TIME_ZONES = {
    "he": "America/New_York", "hne": "America/New_York", "hae": "America/New_York", "et": "America/New_York",
    "est": "America/New_York", "edt": "America/New_York", "heure de l'est": "America/New_York",
    "heure de washington": "America/New_York", "heure de new york": "America/New_York",
    "gmt": "UTC", "utc": "UTC", "tu": "UTC", "heure gmt": "UTC",
    "heure de moscou": "Europe/Moscow", "msk": "Europe/Moscow",
    "heure de paris": "Europe/Paris", "heure francaise": "Europe/Paris", "heure de france": "Europe/Paris",
    "hec": "Europe/Paris", "cet": "Europe/Paris", "cest": "Europe/Paris",
    "heure de kiev": "Europe/Kyiv", "heure de kyiv": "Europe/Kyiv",
    "heure de londres": "Europe/London", "heure de pekin": "Asia/Shanghai", "heure de tokyo": "Asia/Tokyo",
    "pt": "America/Los_Angeles", "heure du pacifique": "America/Los_Angeles",
}
# Cities (folded, lower case) and their zones: "11h, heure de Berlin", and the zone of a dateline's
# city for "heure locale" ("ISTANBUL, 6 fév 2023 (AFP) - ... à 4h17 heure locale").
CITY_ZONES = {
    "paris": "Europe/Paris", "lyon": "Europe/Paris", "marseille": "Europe/Paris", "bruxelles": "Europe/Brussels",
    "geneve": "Europe/Zurich", "berne": "Europe/Zurich", "zurich": "Europe/Zurich", "berlin": "Europe/Berlin",
    "rome": "Europe/Rome", "madrid": "Europe/Madrid", "lisbonne": "Europe/Lisbon", "londres": "Europe/London",
    "dublin": "Europe/Dublin", "amsterdam": "Europe/Amsterdam", "la haye": "Europe/Amsterdam", "vienne": "Europe/Vienna",
    "varsovie": "Europe/Warsaw", "prague": "Europe/Prague", "budapest": "Europe/Budapest", "athenes": "Europe/Athens",
    "bucarest": "Europe/Bucharest", "sofia": "Europe/Sofia", "helsinki": "Europe/Helsinki", "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo", "copenhague": "Europe/Copenhagen", "riga": "Europe/Riga", "vilnius": "Europe/Vilnius",
    "tallinn": "Europe/Tallinn", "minsk": "Europe/Minsk", "kiev": "Europe/Kyiv", "kyiv": "Europe/Kyiv",
    "moscou": "Europe/Moscow", "sotchi": "Europe/Moscow", "saint-petersbourg": "Europe/Moscow",
    "istanbul": "Europe/Istanbul", "ankara": "Europe/Istanbul", "gaziantep": "Europe/Istanbul", "damas": "Asia/Damascus",
    "alep": "Asia/Damascus", "beyrouth": "Asia/Beirut", "jerusalem": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem",
    "gaza": "Asia/Gaza", "le caire": "Africa/Cairo", "teheran": "Asia/Tehran", "bagdad": "Asia/Baghdad",
    "riyad": "Asia/Riyadh", "doha": "Asia/Qatar", "dubai": "Asia/Dubai", "kaboul": "Asia/Kabul",
    "new delhi": "Asia/Kolkata", "pekin": "Asia/Shanghai", "shanghai": "Asia/Shanghai", "hong kong": "Asia/Hong_Kong",
    "taipei": "Asia/Taipei", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo", "sydney": "Australia/Sydney",
    "alger": "Africa/Algiers", "tunis": "Africa/Tunis", "rabat": "Africa/Casablanca", "dakar": "Africa/Dakar",
    "abidjan": "Africa/Abidjan", "kinshasa": "Africa/Kinshasa", "nairobi": "Africa/Nairobi",
    "johannesburg": "Africa/Johannesburg", "washington": "America/New_York", "new york": "America/New_York",
    "montreal": "America/Toronto", "quebec": "America/Toronto", "ottawa": "America/Toronto", "toronto": "America/Toronto",
    "chicago": "America/Chicago", "houston": "America/Chicago", "denver": "America/Denver",
    "los angeles": "America/Los_Angeles", "san francisco": "America/Los_Angeles", "mexico": "America/Mexico_City",
    "brasilia": "America/Sao_Paulo", "sao paulo": "America/Sao_Paulo", "buenos aires": "America/Argentina/Buenos_Aires",
    "bogota": "America/Bogota", "lima": "America/Lima", "santiago": "America/Santiago", "caracas": "America/Caracas",
    "pointe-a-pitre": "America/Guadeloupe", "fort-de-france": "America/Martinique", "cayenne": "America/Cayenne",
    "saint-denis": "Indian/Reunion", "noumea": "Pacific/Noumea", "papeete": "Pacific/Tahiti",
}
# Regions named for their clock: "9h heure de la côte Ouest".
REGION_ZONES = {"la cote ouest": "America/Los_Angeles", "la cote est": "America/New_York"}
# "heure de X", "heure d'X": the words that name a zone by a place.
ZONE_BY_PLACE = ("heure de ", "heure d'")
# The zone of the place the article is written from (its dateline).
LOCAL_TIME = ("heure locale", "heure locale,", "heures locales")
TIME_ZONES.update({prefix + place: zone for place, zone in {**CITY_ZONES, **REGION_ZONES}.items()
                   for prefix in ZONE_BY_PLACE if (prefix.endswith("'") == (place[0] in "aeiouy"))})
TIME_ZONES.update({words: "local" for words in LOCAL_TIME})
# Named times of day, in minutes after midnight.
NAMED_TIMES = {"midi": 720, "minuit": 0}
# Spoken clock times: "quinze heures trente", "midi et quart", "dix heures trois quarts".
HOUR_WORDS = ("heure", "heures")
MINUTE_PHRASES = {"et quart": 15, "et demie": 30, "et demi": 30, "moins le quart": -15, "moins quart": -15,
                  "trois quarts": 45, "et trois quarts": 45}
# Before a number of minutes taken off the hour: "midi moins cinq".
MINUS_MINUTES = ("moins",)
# Between an hour and its minutes: "quinze heures et quinze minutes", "15h passé de 15 minutes".
MINUTE_JOINERS = ("et", "passe de", "passee de", "passees de")
MINUTE_WORDS = ("minutes", "minute", "min")
# A part of the day after a clock time: hours to add to a morning hour ("9h du soir" is 21:00).
DAY_PARTS = {
    "du matin": 0, "du mat": 0, "ce matin": 0, "demain matin": 0, "dans la matinee": 0, "de la matinee": 0,
    "de l'apres-midi": 12, "cet apres-midi": 12, "demain apres-midi": 12, "dans l'apres-midi": 12,
    "du soir": 12, "ce soir": 12, "demain soir": 12, "dans la soiree": 12, "de la soiree": 12, "en soiree": 12,
}
# A day named right before hours makes them a time of that day, not a length of time: "à partir de mercredi
# 18 heures", "depuis jeudi 6 heures", "le 3 novembre, 18 heures", "mercredi soir, 21 heures".  The part of the
# day a weekday may take, and what after the hours keeps them a length ("mercredi, 18 heures de grève").
WEEKDAY_PARTS = ("matin", "soir", "apres-midi", "matinee", "soiree", "midi")
DURATION_OF = ("de", "d'")
# Words after hours that make them a length whatever stands before: "mardi, 3 heures durant".
DURATION_AFTER = ("durant", "de suite", "non-stop", "d'affilee")
# Words after a clock time that make it a time of day: "11 heures précises".
CLOCK_CUES_AFTER = ("precises", "precise", "pile", "tapantes", "tapant", "sonnantes")
# Approximation markers that only ever stand before a time of day: "peu avant 22 heures".
TIME_ONLY_MARKERS = ("vers", "plutot vers", "peu avant", "peu apres", "juste avant", "juste apres", "aux alentours de")
# Prepositions before a length of time: "pendant 1h30" is a duration, not a clock time.
DURATION_PREPOSITIONS = ("pendant", "durant", "a dure", "ont dure", "en", "de", "duree de", "dure")
# Nouns whose value follows "à" in the same clause: "chiffré la durée de l'échange à deux heures et cinq
# minutes" is a length of time; "a commencé à deux heures" stays a time of day.
DURATION_GOVERNORS_BEFORE_A = ("duree", "durees", "longueur")
# "une heure et demie": half a unit more.
HALF_UNIT = ("et demi", "et demie")
PERCENT_WORDS = ("pour cent", "pourcent")
# Between a percentage and its population: "29,5 % des agents", "50 % d'enseignants".
PERCENT_POPULATION_OF = ("des", "de", "d'", "du")
# A magnitude (of an earthquake): "magnitude 7,8", "d'une magnitude de 7,7", "7,8 sur l'échelle de Richter".
MAGNITUDE_BEFORE = ("magnitude", "magnitude de", "magnitude d'environ", "une magnitude de", "magnitude preliminaire de",
                    "magnitude estimee a", "magnitude de moment",
                    # "sa magnitude est de 7,7"
                    "magnitude est de", "magnitude etait de")
# Before a number with decimals only: "l'AFAD a d'abord évalué sa magnitude à 7,4" ("la magnitude à 3 reprises").
MAGNITUDE_BEFORE_DECIMAL = ("magnitude a",)
MAGNITUDE_AFTER = ("sur l'echelle de richter", "de magnitude", "sur l'echelle ouverte de richter")

# Ordinals in figures: "3e", "2eme", "1er", "1ere".
ORDINAL_SUFFIXES = ("e", "eme", "er", "ere")
ORDINALS = {
    "premier": 1, "premiere": 1, "second": 2, "seconde": 2, "deuxieme": 2, "troisieme": 3, "quatrieme": 4,
    "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8, "neuvieme": 9, "dixieme": 10,
    "onzieme": 11, "douzieme": 12, "vingtieme": 20, "centieme": 100,
}

# Modality of a statement, from the verb nearest to the value.
PLANNED_CUES = (
    "aura lieu", "auront lieu", "doit", "doivent", "devait", "devaient", "devrait", "devraient", "prevu", "prevue",
    "prevus", "prevues", "programme", "programmee", "est attendu", "sont attendus", "va", "vont",
    "se tiendra", "se tiendront", "interviendra", "aurait lieu",
    # A forecast: "le SNUipp-FSU table sur 50 % de grévistes", "la SNCF prévoit un TGV sur trois".
    "table sur", "tablent sur", "tablait sur", "tablaient sur", "prevoit", "prevoient", "s'attend a", "s'attendent a",
    "anticipe", "anticipent",
)
# A conditional of intention before an infinitive is planned: "Moscou prévoirait d'en réunir 175 000",
# "175 000 hommes pourraient être mobilisés".  A past infinitive ("pourrait avoir fait 20 morts") and a
# reported past ("aurait fait 20 morts") are not.
INTENTION_CONDITIONALS = (
    "prevoirait", "prevoiraient", "pourrait", "pourraient", "envisagerait", "envisageraient", "compterait",
    "compteraient", "entendrait", "entendraient", "voudrait", "voudraient", "souhaiterait", "souhaiteraient",
    "projetterait", "projetteraient", "s'appreterait", "s'appreteraient",
    # "compter" + infinitive intends ("la CGT compte mobiliser 100 000"); "la police compte 34 000" and
    # "a compté" count.
    "compte", "comptent",
)
# Between the conditional and its infinitive: "prévoirait d'en réunir", "pourraient y envoyer".
INFINITIVE_LINKS = ("de", "d'", "en", "y", "se", "s'", "le", "la", "les", "l'", "lui", "leur", "a")
INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")
PAST_INFINITIVE_AUXILIARIES = ("avoir", "etre")
ACTUAL_CUES = (
    "a eu lieu", "ont eu lieu", "avait eu lieu", "a dure", "a commence", "a debute", "s'est tenu", "s'est tenue",
    "s'est acheve", "s'est achevee", "a pris fin", "s'est entretenu", "se sont entretenus", "ont conclu",
    "a conclu", "se sont parle", "a ete", "ont ete", "etait", "etaient",
)
# Future tense endings of the third persons (with "-ra" verbs listed, to skip nouns like "extra").
FUTURE_ENDINGS = ("era", "eront", "ira", "iront", "dra", "dront", "rra", "rront", "vra", "vront", "ura", "uront")
FUTURE_STOPWORDS = (
    "opera", "sierra", "chimera", "camera", "vera", "era", "zebra", "algebra", "tundra", "mira", "lira",
    "hydra", "cathedra", "pura", "dura", "aura", "auront",
)
# Passé composé with avoir/être counts as actual, unless the participle is a
# reporting verb: "a déclaré" says who speaks, not what happened.
AUXILIARIES = ("a", "ont", "avait", "avaient", "est", "sont", "s'est", "se sont")
PARTICIPLE_ENDINGS = ("e", "es", "ee", "ees", "i", "is", "u", "us", "t")

# Reporting verbs (participles and present forms) for attribution: "a déclaré X".
REPORTING_VERBS = (
    "declare", "declaree", "indique", "indiquee", "annonce", "annoncee", "affirme", "affirmee", "precise",
    "precisee", "ajoute", "ajoutee", "confirme", "confirmee", "explique", "expliquee", "assure", "assuree",
    "souligne", "soulignee", "estime", "estimee", "rapporte", "rapportee", "dit", "dite", "raconte",
    "assure", "fait savoir", "previent", "prevenu", "rappele", "rappelee", "cite", "citee", "ecrit",
    "ecrite", "temoigne", "insiste", "martele", "reconnu", "admis", "nie", "dementi", "communique",
)
# Auxiliaries of a reporting verb: "a déclaré", "aurait indiqué".
REPORTING_AUXILIARIES = ("a", "ont", "avait", "avaient", "aurait", "auraient")
# Words between a reporting verb and its subject: ", a déclaré mercredi 29 décembre X".
REPORTING_FILLERS = ("hier", "ensuite", "encore", "aussi", "egalement", "enfin", "aux journalistes")
# What follows a reporting verb when no subject does: ", a déclaré que", "a dit à".
REPORTING_OBJECTS = ("que", "qu'", "a", "au", "aux")
# Who a statement is made to: "a déclaré aux journalistes que".
REPORTING_ADDRESSEES = ("aux journalistes", "a la presse")
# What introduces the reported content: "a déclaré que", "a déclaré :".
COMPLEMENTIZERS = ("que", "qu'", ":")
# Prepositions that introduce who states a value: "selon la Maison Blanche".
ATTRIBUTION_PREPOSITIONS = ("selon", "d'apres", "de source", "a en croire")
# Words after which a claimant ("selon la police ...") has ended.
CLAIMANT_ENDS = ("dans", "lors", "a propos", "aux journalistes")
# Coordinating conjunctions: "... selon la police et 100 000 selon les organisateurs".
COORDINATORS = ("et", "ou", "mais")

# Role words that introduce a person: "la vice-secrétaire d'État Wendy Sherman".
ROLE_WORDS = (
    "president", "presidente", "vice-president", "vice-presidente", "premier ministre", "premiere ministre",
    "ministre", "vice-ministre", "secretaire", "vice-secretaire", "sous-secretaire", "porte-parole",
    "chef", "cheffe", "dirigeant", "dirigeante", "ambassadeur", "ambassadrice", "negociateur", "negociatrice",
    "conseiller", "conseillere", "directeur", "directrice", "general", "generale", "maire", "depute",
    "deputee", "senateur", "senatrice", "chancelier", "chanceliere", "homologue", "haut representant",
    "haute representante", "diplomate", "commissaire", "juge", "procureur", "procureure", "prefet",
    "prefete", "roi", "reine", "prince", "princesse", "pape", "patron", "patronne", "responsable",
    "emissaire", "envoye", "envoyee", "representant", "representante", "gouverneur", "secretaire general",
    "secretaire d'etat", "premier secretaire", "lieutenant", "colonel", "capitaine", "commandant",
)
# Words that cannot stand between a role word and the name it introduces:
# "le président américain s'entretient avec Poutine" gives Poutine no role.
ROLE_BREAK_WORDS = ("et", "avec", "a", "que", "qu", "qui", "dont", "ou", "se", "s", "il", "elle", "ils", "par", "pour",
                    "sur", "dans", "est", "sont", "ont", "alors", "mais", "depuis", "ce", "en", "au", "aux")
# Before the name a role word introduces, these say the name is the role's domain or the one served,
# not the holder: "ministre de la Santé", "conseiller de Joe Biden", "responsable de Force ouvrière".
ROLE_OF = ("de", "d'", "du", "des", "de la", "de l'")
# Articles that put a capitalised word among common nouns and institutions: "la Situation Room",
# "l'Hôtel de Ville", "de l'Intérieur Gérald Darmanin" (the word after the article is no name).
ARTICLES_BEFORE_NAMES = ("le", "la", "les", "l'", "du", "des", "au", "aux")
# Definite articles between a preposition and its noun ("à la", "d'ici la fin"), and the determiners
# of a day a statement was made on ("a annoncé ce lundi", "a déclaré le 3 mars").
DEFINITE_ARTICLES = ("le", "la", "les", "l'")
STATEMENT_DAY_DETERMINERS = ("ce", "le")
# Determiners before a role in apposition: "Horne, la porte-parole de la Maison Blanche".
ROLE_DETERMINERS = ("le", "la", "l'", "les", "son", "sa")
# Words that carry no meaning when two roles are compared.
ROLE_STOP_WORDS = ("le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "a", "au", "aux", "en", "et", "son",
                   "sa", "ses", "leur", "leurs", "sur", "pour", "par")
# Words that describe a relation, not a post: "son homologue russe" cannot contradict a post.
RELATIONAL_ROLE_WORDS = ("homologue", "counterpart", "interlocuteur", "partenaire")
# Heads that describe a leading position without naming the post: "chef de la diplomatie
# américaine" is the secretary of state by another name.
VAGUE_ROLE_HEADS = ("chef", "cheffe", "dirigeant", "dirigeante", "leader", "patron", "patronne", "diplomate")
# Role words that relate a person to another rather than naming a post.
RELATIONAL_ROLES = ("homologue", "responsable", "representant", "representante")
# Titles written before a surname: they are no part of the name.
TITLES = ("M", "Mme", "Mlle", "Me", "Dr", "Pr", "Mgr", "Sir", "Lord")

# Capitalised words that start sentences and are never part of a name.
FUNCTION_WORDS = (
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "et", "ou", "mais", "donc", "or", "ni",
    "car", "pour", "par", "dans", "sur", "sous", "avec", "sans", "selon", "avant", "apres", "lors", "depuis",
    "pendant", "en", "au", "aux", "a", "il", "elle", "ils", "elles", "nous", "vous", "on", "je", "tu", "cote",
    "quelques", "plusieurs", "tous", "toutes", "tout", "toute", "si", "quand", "lorsque", "comme", "alors",
    "aucune", "aucun", "chaque", "certains", "certaines", "toujours", "signe", "plus", "moins",
    "c", "qu", "que", "qui", "quoi", "ainsi", "aussi", "encore", "enfin", "puis", "cependant", "pourtant",
    "entre", "vers", "contre", "chez", "malgre", "hier", "demain", "aujourd", "ici", "la-bas", "oui", "non",
    "autour", "aupres", "pres", "loin", "parmi", "devant", "derriere", "durant",
)
# Capitalised words that are never names of people: places, institutions,
# peoples, page furniture, imperatives that open a line.
NEVER_PERSON = (
    "maison", "blanche", "kremlin", "pentagone", "elysee", "matignon", "congres", "senat", "parlement",
    "union", "europeenne", "otan", "osce", "onu", "ue", "nations", "unies", "etats-unis", "etats", "etat",
    "amerique", "europe", "russie", "ukraine", "chine", "france", "allemagne", "occident", "orient",
    "washington", "moscou", "kiev", "kyiv", "geneve", "bruxelles", "paris", "londres", "berlin", "pekin",
    "delaware", "wilmington", "crimee", "donbass", "mediterranee", "atlantique", "nord", "sud", "est", "ouest",
    "nouvel", "an", "noel", "forum", "organisation", "conseil", "affaires", "ministere", "gouvernement",
    "assemblee", "cour", "tribunal", "armee", "police", "afp", "reuters", "ap", "cnn", "bbc", "politico",
    "welt", "monde", "figaro", "liberation", "soutenez", "soutenez-nous", "garder", "copie", "crise",
    "americains", "russes", "europeens", "ukrainiens", "occidentaux", "francais", "allemands", "britanniques",
    "selections", "attentats", "sommet", "rapport", "plein", "pas", "aucune", "traite",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "dieu", "internet", "twitter", "facebook", "telegram",
    # Words of organisations and newspapers: "Human Rights Watch", "New York Times", "Amnesty International".
    "international", "internationale", "national", "nationale", "watch", "times", "post", "news", "press",
    "journal", "tribune", "herald", "agence", "agency", "institut", "institute", "fondation", "foundation",
    "universite", "university", "parti", "party", "banque", "bank", "fonds", "fund", "groupe", "group",
    "commission", "comite", "committee", "federal", "federale", "republique", "republic", "royaume",
    "kingdom", "front", "rassemblement", "mouvement",
    # Nouns of events a title opens on: "Feu des Landes :", "Incendie de Martigues", "Séisme en Turquie".
    "feu", "feux", "incendie", "incendies", "seisme", "seismes", "inondations", "crue", "crues", "explosion",
    "naufrage", "attentat", "catastrophe", "eruption", "canicule", "secheresse", "greve", "greves",
)
# Name particles between capitalised tokens: "Charles de Gaulle".
NAME_PARTICLES = ("de", "du", "des", "van", "von", "der", "den", "da", "di", "dos", "al", "el", "ben", "bin", "ibn", "bou", "abou", "ter")
# Elided particles, written against the next name: "Valéry Giscard d'Estaing".
ELIDED_NAME_PARTICLES = ("d'",)

# Places: French exonyms of countries, capitals and cities that news names often.
PLACES = (
    "Genève", "Washington", "Moscou", "Kiev", "Kyiv", "Paris", "Londres", "Berlin", "Bruxelles", "Pékin",
    "Tokyo", "Rome", "Madrid", "Vienne", "Varsovie", "Minsk", "Ankara", "Istanbul", "Jérusalem", "Téhéran",
    "New York", "Wilmington", "Delaware", "Crimée", "Donbass", "Donetsk", "Louhansk", "Kharkiv", "Odessa",
    "Marioupol", "Sébastopol", "Russie", "Ukraine", "Biélorussie", "Bélarus", "Pologne", "Allemagne",
    "France", "Italie", "Espagne", "Royaume-Uni", "États-Unis", "Etats-Unis", "Chine", "Japon", "Inde",
    "Turquie", "Iran", "Israël", "Syrie", "Irak", "Afghanistan", "Géorgie", "Moldavie", "Lituanie",
    "Lettonie", "Estonie", "Finlande", "Suède", "Norvège", "Suisse", "Belgique", "Europe", "Méditerranée",
    "Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Nice", "Rennes",
    "Helsinki", "Stockholm", "Oslo", "Prague", "Budapest", "Bucarest", "Sofia", "Athènes", "Lisbonne",
    "Dublin", "Amsterdam", "La Haye", "Luxembourg", "Copenhague", "Riga", "Vilnius", "Tallinn",
)
# Prepositions that make an unknown capitalised word a place: "à Genève".
PLACE_PREPOSITIONS = ("a", "en", "depuis", "pres de", "vers", "au", "aux")
# A capitalised name right after an administrative noun and "de" is a place, known or not: "le district
# de Pazarcik", "la province de Kahramanmaras", "la région de Hatay".  (Residence nouns are left out:
# "sa résidence de Botcharov Routcheï, à Sotchi" names a place inside a city, which the place comparison
# would call a conflict with "Sotchi".)
ADMINISTRATIVE_NOUNS = (
    "district", "districts", "province", "provinces", "region", "regions", "ville", "villes", "commune",
    "communes", "departement", "prefecture", "canton", "village", "villages", "localite", "municipalite", "oblast",
    "comte", "etat", "gouvernorat", "wilaya", "bourgade", "agglomeration", "metropole",
)
PLACE_NOUN_LINKS = ("de", "d'")
# Weather events take a given name: "la tempête Ciaran", "l'ouragan Otis", "le cyclone Freddy", "le typhon
# Haiyan", "Tempête Ciaran :" in a title.  The capitalised name after these nouns names the event, never a
# person (folded, singular and plural).
NAMED_EVENT_NOUNS = (
    "tempete", "tempetes", "ouragan", "ouragans", "cyclone", "cyclones", "typhon", "typhons",
    "tornade", "tornades", "depression", "depressions", "medicane", "blizzard",
)
# A square, a street, a bridge: the noun and its name are one place ("la place d'Italie", "la place des
# Quinconces", "le pont Saint-Pierre", "place Vauban").  Such a place lies inside a city: it names where a
# march goes, never the city a figure is counted for (no key of a figure ``by: place``).
STREET_NOUNS = (
    "place", "rue", "boulevard", "avenue", "quai", "quais", "pont", "esplanade", "parvis", "square",
    "allee", "allees", "impasse", "rond-point", "porte",
)
# "of" before a name: "la place d'Italie", "la préfecture de la Gironde".
OF_LINKS = ("de la", "de l'", "des", "du", "de", "d'")
# "dans la Situation Room", "dans le Bureau Ovale": a name of two capitalised words after these and an
# article is a place (one word after an article stays a thing: "dans la Maison" is no place name).
INSIDE_PREPOSITIONS = ("dans", "depuis")
# A residence named with a possessive is a place: "sa résidence de Sotchi" ("la résidence de Poutine" is whose).
RESIDENCE_NOUNS = ("residence", "residences", "datcha", "propriete", "villa", "palais")
# A place, then the place that holds it: "sa résidence de Botcharov Routcheï, à Sotchi".
CONTAINER_PREPOSITIONS = ("a", "en", "dans")

# Page furniture: lines and spans that never yield a fact.
FURNITURE_LINES = (
    r"soutenez[- ]nous.*",
    r"soutien aux magazines",
    r"pour vous contributions.*",
    r"aucune nouvelle n'est une mauvaise nouvelle",
    r"(?:[-•*]\s*)?copie",
    r"(?:lire|voir) aussi\b.*",
    r"(?:publie|mis a jour) le\b.*",
    r"partager\b.*",
    r"abonnez[- ]vous\b.*",
    r"[a-z]{2,6}(?:-[a-z]{2,6}){1,5}/[a-z]{2,6}",  # wire slug: burs-alf-cjc/rle
    # A video title ending with its running time: "Biden/Poutine 1:13"; not a sentence
    # ending with a clock time ("Il est arrivé à 15:30.").
    r".{0,80}?(?<!\sa)(?<!\svers)(?<!\sdes)(?<!\sjusqu'a)\s\d{1,2}:\d{2}(?!\s*\.)",
    r"[A-Z][\w-]+ [A-Z][\w-]+, edite par [A-Z][\w-]+ [A-Z][\w-]+",  # byline
)
FURNITURE_SPANS = (
    r"\(\s*(?:AFP|Reuters|AP|EPA|Getty|SIPA|Photo)\b[^)]{0,80}\)",  # photo credit: ( AFP / MANDEL NGAN )
    r"(?:Photo|Credit|Credits)\s*:\s*[^\n]{0,80}",
)

# --- Who states a figure, when, and for which occasion (facts as news states them) ----------
# Verbs by which a claimant states a figure: "la CGT revendique 205 000", "la préfecture a compté
# 34 000", "les syndicats en revendiquent 80 000" (stems; the endings below make the forms).
CLAIM_VERB_STEMS = (
    "annonc", "revendiqu", "avanc", "recens", "compt", "denombr", "evalu", "estim", "chiffr", "evoqu",
    "communiqu", "rapport", "signal", "affich", "fait etat", "faisait etat", "font etat", "table sur",
    "tablait sur", "parl", "dresse", "avanc", "decompt", "releve", "enregistr", "total",
    # Reporting verbs state a figure too: "a précisé que 243 répliques", "a confirmé un début vers 18 heures".
    "precis", "indiqu", "confirm", "declar", "affirm",
)
CLAIM_VERB_ENDINGS = ("e", "es", "ent", "ait", "aient", "ee", "ees", "er", "ant", "")
# Words between a claimant and its verb that are no part of the claimant: "la CGT a pour sa part revendiqué".
CLAIM_SUBJECT_FILLERS = (
    "a", "ont", "avait", "avaient", "aurait", "auraient", "en", "y", "n'", "ne", "pour sa part", "pour leur part",
    "de son cote", "de leur cote", "quant a elle", "quant a lui", "cette fois", "deja", "aussi", "encore",
    "elle-meme", "lui-meme", "pour l'heure", "desormais", "alors", "d'abord", "ensuite", "finalement",
    "de nouveau", "pour commencer",
)
# Relative pronouns: "La CGT, qui avait revendiqué 2 millions": the claimant is the antecedent.
RELATIVE_PRONOUNS = ("qui", "qu'", "que", "laquelle", "lequel")
# A preposition that names a claimant only when a known claimant follows: "pour la CGT, 500 000".
WEAK_CLAIMANT_PREPOSITIONS = ("pour", "du cote de", "cote")
# Words that link a figure to the one before it.  A comparison ("contre 145 000 le 19 janvier")
# keeps the key and the claimant of the figure it is compared with; a part ("dont 87 000 à Paris")
# keeps its claimant and its occasion.
# A comparative counts too: "34 000 personnes à Toulouse, un peu moins que les 36 000 comptés le 19 janvier".
FIGURE_COMPARISON_WORDS = ("contre", "par rapport a", "par rapport aux", "face aux", "face a", "plus que", "moins que",
                           "plus que les", "moins que les", "davantage que", "autant que", "plus qu'", "moins qu'")
FIGURE_PART_WORDS = ("dont", "parmi lesquels", "parmi lesquelles", "parmi eux", "soit")
# Words before an occasion that make it the target of a comparison, not the figure's own occasion:
# "un chiffre supérieur à celui du 19 janvier", "plus nombreux que le 19 janvier".
COMPARISON_TARGETS = (
    "que", "qu'", "que lors de", "que le", "que la", "qu'au", "qu'a", "celui du", "celle du", "ceux du", "celles du",
    "celui de", "celle de", "ceux de", "celles de", "celui de la", "celle de la", "ceux de la", "celles de la",
)
# Running figures: stated for now, to be revised.  The figure holds at publication time.
RUNNING_FIGURE_PHRASES = (
    "pour le moment", "pour l'instant", "a ce stade", "a cette heure", "a l'heure actuelle", "pour l'heure",
    "premier bilan", "bilan provisoire", "dernier bilan", "nouveau bilan", "bilan actualise", "bilan encore provisoire",
    "chiffre provisoire", "chiffres provisoires", "provisoirement", "encore provisoire",
)
# Prepositions before a clock time that dates a figure: "à 14 heures, la CGT revendiquait 205 000".
AS_OF_TIME_PREPOSITIONS = ("a", "vers", "des", "peu avant", "peu apres", "aux alentours de", "autour de", "en fin de journee a")
# A part of the day set at the head of a sentence dates the figures after it: "Jeudi soir, 700 000 foyers
# étaient encore privés", "Ce matin, ...", "À la mi-journée, ...", "Hier en fin de journée, ...".  The
# minutes of the day each part stands for (about its middle); a clock time in the same head wins
# ("Jeudi 6 heures, ...", "Mercredi soir, 21 heures, ...").
FRONTED_DAY_PARTS = {
    "matin": 540, "matinee": 540, "debut de matinee": 480, "fin de matinee": 660,
    "mi-journee": 720, "milieu de journee": 720, "midi": 720,
    "apres-midi": 900, "debut d'apres-midi": 840, "milieu d'apres-midi": 900, "fin d'apres-midi": 1020,
    "fin de journee": 1080, "soir": 1200, "soiree": 1200, "debut de soiree": 1140, "fin de soiree": 1320,
}
# Words between a day (or the sentence's start) and such a part: "ce matin", "cet après-midi", "à la
# mi-journée", "en fin de journée", "dans la soirée", "jeudi en début de soirée".
FRONTED_DAY_PART_OPENERS = ("ce", "cet", "cette", "a la", "au", "en", "dans la", "dans l'", "a", "en ce", "des ce", "des la")
# A figure of the peak of the event, given beside the figures of now: "au plus fort de la tempête, 1,2 million
# de foyers étaient privés de courant".  It holds at the event's anchor, before the running figures.
PEAK_PHRASES = ("au plus fort de", "au plus fort du", "au plus fort des", "au pic de", "au pic du", "au paroxysme de",
                "au paroxysme du", "au plus haut de", "au plus haut du", "au maximum de", "au plus fort")
# A live-blog time stamp opening a line: "14h50 - À Toulouse, ..." (hour, minutes).
BLOG_STAMP = r"(?P<hour>[01]?\d|2[0-3])\s?[h:]\s?(?P<minute>[0-5]\d)?\s*[-|\u2013\u2014]\s"
# Words that put a figure or a date on another occasion than the story's event (regexes on folded text).
OTHER_OCCASION_CUES = (
    r"\b(?:l'an|l'annee|le mois|la semaine) (?:dernier|derniere|passee?|precedente?)\b",
    r"\blors (?:de la|du|des) (?:precedente?s?|derniere?s?)\b",
    r"\b(?:precedente?s?) (?:journee|mobilisation|seisme|appel|entretien|sommet|rencontre|edition|scrutin)s?\b",
    r"\b(?:journee|mobilisation|seisme|appel|entretien|sommet|rencontre|edition|scrutin)s? precedente?s?\b",
    r"\bauparavant\b",
)
# A recall in the pluperfect: "Le 19 janvier, le ministère avait recensé 1,12 million ... La CGT en avait
# revendiqué plus de 2 millions": the next sentences in the pluperfect stay on the occasion recalled.  The
# auxiliary's imperfect alone is no pluperfect ("ils étaient 14.000 à Rouen"): a participle follows it
# (PARTICIPLE_ENDINGS).
PLUPERFECT_AUXILIARIES = ("avait", "avaient", "etait", "etaient")
PLUPERFECT_ADVERBS = ("deja", "alors", "aussi", "encore", "bien", "pas", "jamais", "meme", "pour sa part",
                      "pour leur part", "de son cote", "de leur cote")
# Words that, near a date weeks away from the event, make it the date of another occasion:
# "lors de leur précédent entretien, le 7 décembre", "ils s'étaient déjà parlé le 7 décembre".
PREVIOUS_OCCASION_WORDS = ("precedent", "precedente", "precedents", "precedentes", "dernier", "derniere", "deja",
                           "il y a", "auparavant")
# Prepositions that introduce a key of a figure: "12 000 à Rennes", "26,65 % dans le primaire".
KEY_PREPOSITIONS = ("a", "au", "aux", "en", "dans", "pour", "sur")
# Coordinators between two keys of one figure: "8 000 à Tours et à Orléans".
KEY_COORDINATORS = ("et", "ainsi que", ",")
# The pronoun that stands for a place named before: "Selon le ministère, 87 000 personnes y ont participé"
# (the Paris march of the sentence before); "il y a", "y compris" name no place.
LOCATIVE_PRONOUN = r"(?<![\w'])(?<!\bil )(?<!\bil n')(?:n')?y(?=\s)(?!\s+compris\b)(?!\s+a-t-il\b)(?!\s+avait-il\b)"
# The pronouns that stand for a counted noun already named: "Les syndicats en revendiquent 80 000", "À la
# mi-journée, ils n'étaient plus que 950 000" (the households of the sentence before).
NOUN_PRONOUNS = ("en", "ils", "elles")
# Words after a figure that make it a difference, not a count of what was counted before: "500 000
# manifestants, 10 000 de plus que le 19 janvier" (the 10 000 counts no marchers of its own).
DIFFERENCE_AFTER = ("de plus", "de moins", "en plus", "en moins", "supplementaires", "supplementaire", "d'ecart")
# Nouns that name a figure, not what it counts: "l'intersyndicale avance le chiffre de 30 000".
FIGURE_NOUNS = ("le chiffre de", "un chiffre de", "le total de", "un total de", "le decompte de", "un decompte de",
                "l'estimation de", "une estimation de", "le bilan de", "un bilan de")
# Coordinators that join two figures of one statement: "26,65 % dans le primaire et 25,22 % dans le secondaire".
FIGURE_COORDINATORS = ("et", "ou", "puis")
# A sentence that opens on a domain: "Dans l'Éducation nationale, le ministère recense ..." (the ministry of
# that domain), "Chez EDF, la direction ...".
DOMAIN_PREPOSITIONS = ("dans", "chez", "au sein de", "au sein du", "du cote de", "cote")
# Nouns of a count whose author follows: "les chiffres de la police", "le décompte de la préfecture".
FIGURE_SOURCE_NOUNS = ("chiffres", "chiffre", "decompte", "decomptes", "comptage", "estimation", "estimations",
                       "pointage", "releve", "bilan")
# Subjects that name a figure given before: "Le chiffre définitif, publié en soirée, s'établit à 1,272 million".
FIGURE_SUBJECTS = ("le chiffre", "ce chiffre", "le bilan", "ce bilan", "le decompte", "ce decompte", "le total", "le nombre",
                   "ce nombre", "le comptage", "l'estimation")
# Conjunctions that open a statement of its own: an occasion set before them ("Début décembre, il avait
# brandi la menace ..., car les Etats-Unis restent inquiets de 100 000 troupes") does not reach past them.
STATEMENT_BREAKS = ("car", "parce que", "puisque", "alors que", "tandis que", "mais", "or")
# Pronouns that stand for a claimant named before: "Selon lui, 3 471 bâtiments se sont effondrés".
CLAIMANT_PRONOUNS = ("lui", "elle", "eux", "elles", "il", "ils", "celle-ci", "celui-ci", "ceux-ci", "celles-ci")

# --- Clock times of one sentence read on several clocks ---------------------------------------
# Words that restate one instant on another clock: "à 10 heures à Washington, soit 16 heures à Paris
# et 18 heures à Moscou" (the hours after them are clock times, not lengths of time).
CLOCK_RESTATEMENTS = ("soit", "c'est-a-dire", "ou", "et")
# The preposition before a city whose clock a time is read on, when the sentence gives the time on
# another clock too: "s'est achevé à 12h08 (18h08 à Paris)", "à 4 h 17 heure locale (2 h 17 à Paris)".
CLOCK_CITY_PREPOSITIONS = ("a",)
# Closing marks between a time and its zone: "un début « vers 18 heures » heure de Moscou".
CLOCK_ZONE_GAP = r"[\s\u00bb\"\u201d,]*"
# Possessive determiners: "Son président, Yunus Sezer, a précisé ..." speaks for the claimant named before.
POSSESSIVE_DETERMINERS = ("son", "sa", "ses", "leur", "leurs")
# A day right after these dates a statement, not the figure's occasion: "le ministre a évoqué vendredi
# quelque 94 000 soldats", "Interrogé lundi, le porte-parole a confirmé ..." (and after a claim verb).
STATEMENT_DAY_PARTICIPLES = ("interroge", "interrogee", "interroges", "joint", "jointe", "joints", "contacte",
                             "contactee", "contactes", "sollicite", "sollicitee")
# Words before a later date that make it the horizon of a plan, not another occasion: "jusqu'à 175 000
# dès le début de l'année 2022", "d'ici à la fin de l'année".
HORIZON_WORDS = ("des", "d'ici", "d'ici a", "d'ici au", "d'ici a la", "a partir de", "a partir du", "avant",
                 "jusqu'a", "jusqu'au", "jusqu'en", "au plus tard")
HORIZON_PARTS = ("debut", "fin", "milieu", "courant", "mi")
# Marks that open the items of a list, one a line: "- 94 000, selon le ministère ukrainien".
LIST_ITEM_MARKERS = ("-", "\u2022", "*", "\u2013", "\u2014")
# A figure given as the sum of sources: "le bilan s'établit à 2 662 morts, en additionnant les chiffres du
# ministère et ceux des Casques blancs" (the claimant is the whole phrase: a rule file may name the sum).
SUM_GERUNDS = ("en additionnant", "en cumulant", "en combinant", "en conjuguant", "en ajoutant")
# ... but not a gerund of speech: "en ajoutant que le bilan va s'alourdir".
SUM_GERUND_NOT_BEFORE = ("que", "qu'")
# A past participle right after a counted noun (one adjective between at most) says the count is a state
# of now: "environ 70 000 soldats russes déployés près de l'Ukraine", "120 maisons inondées" (as written,
# accents kept: "russes" is no participle).
STATE_PARTICIPLE_ENDINGS = ("é", "és", "ée", "ées")

# Sentences and clauses (text.sentences, text.clauses).
# A full stop after one of these abbreviations (or after a single capital, "J. Biden") ends no sentence.
SENTENCE_ABBREVIATIONS = ("M", "Mme", "Mlle", "MM", "Dr", "Pr", "St", "Ste", "av", "etc", "cf", "p")
# A conjunction followed by a determiner opens a new clause ("..., et les syndicats ...").
CLAUSE_CONJUNCTIONS = ("et", "puis", "mais", "tandis que", "alors que")
CLAUSE_DETERMINERS = ("le", "la", "les", "l'", "son", "sa", "ses", "leur", "leurs", "un", "une", "des", "ce",
                      "cette", "ces")
