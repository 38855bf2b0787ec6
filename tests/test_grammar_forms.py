"""Clock times, numeric dates, hedges, open times, big numbers and non-values: French news forms,
each with the forms that must not match."""

from __future__ import annotations

import pytest

from test_grammar import extract, of_kind, only, span


# --- clock times ----------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, minutes", [
    ("Le conseil se réunira à 18 heures.", "18 heures", 1080),
    ("La séance a commencé à 11 heures précises.", "11 heures précises", 660),
    ("Il est arrivé à 7 heures 45.", "7 heures 45", 465),
    ("Rendez-vous à midi vingt devant la mairie.", "midi vingt", 740),
    ("Le vote a eu lieu à minuit dix.", "minuit dix", 10),
    ("Il est parti à dix heures trois quarts.", "dix heures trois quarts", 645),
    ("Le train est arrivé à 9h du soir.", "9h du soir", 1260),
    ("Le match commencera à quatre heures et demie cet après-midi.", "quatre heures et demie cet après-midi", 990),
    ("Les secours sont intervenus à 3 heures du matin.", "3 heures du matin", 180),
    ("Il était là à midi moins cinq.", "midi moins cinq", 715),
])
def test_clock_times_of_day(text, phrase, minutes):
    t = only(text, "time")
    assert span(text, t) == phrase
    assert (t.low, t.high) == (minutes, minutes)
    assert of_kind(text, "duration") == []


@pytest.mark.parametrize("text, minutes", [
    ("Les négociations ont duré 18 heures.", 1080),
    ("Il a travaillé 18 heures d'affilée.", 1080),
    ("L'entretien a duré deux heures trente.", 150),
    ("Ils ont marché trois heures et demie.", 210),
])
def test_hours_that_are_lengths_of_time_are_no_clock_times(text, minutes):
    assert of_kind(text, "time") == []
    d = only(text, "duration")
    assert (d.low, d.high) == (minutes, minutes)


def test_apres_midi_is_no_noon():
    assert of_kind("La réunion se tiendra cet après-midi au siège.", "time") == []


# --- hedged and open times --------------------------------------------------------

@pytest.mark.parametrize("text, low, high, qualifier", [
    ("L'explosion a eu lieu peu avant 22 heures.", 1305, 1320, "approx"),
    ("Il a été arrêté peu après 10h15.", 615, 630, "approx"),
    ("Ils sont arrivés aux alentours de 17 heures.", 1010, 1030, "approx"),
    ("Le scrutin ferme avant 11h.", None, 660, "less_than"),
    ("Les bureaux ouvrent à partir de 8h15.", 495, None, "at_least"),
    ("Le couvre-feu commence après 19h.", 1140, None, "more_than"),
])
def test_hedged_and_open_times(text, low, high, qualifier):
    t = only(text, "time")
    assert (t.low, t.high, t.qualifier) == (low, high, qualifier)
    assert of_kind(text, "duration") == []


@pytest.mark.parametrize("text, low, high, qualifier", [
    ("L'audition a duré environ trois heures.", 171, 189, "approx"),
    ("L'audition a duré trois heures environ.", 171, 189, "approx"),
    ("L'opération a duré un peu moins de deux heures.", 108, 120, "less_than"),
    ("Il a parlé une bonne demi-heure.", 30, 37.5, "approx"),
    ("Il a parlé une petite demi-heure.", 24, 30, "approx"),
    ("Le délai est de 72h.", 4320, 4320, "exact"),
    ("La pause n'a duré qu'une demi-heure.", 30, 30, "exact"),
    ("Il a attendu 1/4 h.", 15, 15, "exact"),
    ("Il a attendu 3/4 h.", 45, 45, "exact"),
])
def test_hedged_durations(text, low, high, qualifier):
    d = only(text, "duration")
    assert (d.low, d.high, d.qualifier) == (low, high, qualifier)
    assert of_kind(text, "time") == []


def test_a_fraction_needs_its_hour():
    assert of_kind("Le score est de 3/4 en faveur du texte.", "duration") == []


# --- numeric dates -----------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, iso", [
    ("Le décret publié le 14/03/2023 entre en vigueur.", "14/03/2023", "2023-03-14"),
    ("Le décret publié le 14.03.2023 entre en vigueur.", "14.03.2023", "2023-03-14"),
    ("Le décret publié le 2023-03-14 entre en vigueur.", "2023-03-14", "2023-03-14"),
    ("Le décret publié le 14/03 entre en vigueur.", "14/03", "2023-03-14"),
    ("Le traité a été signé le 31/10/74.", "31/10/74", "1974-10-31"),
    ("Le sommet s'ouvre le 15 fév 2023 à Genève.", "15 fév 2023", "2023-02-15"),
])
def test_numeric_dates(text, phrase, iso):
    d = only(text, "date", "2023-03-10")
    assert span(text, d) == phrase
    assert (d.low, d.high, d.granularity) == (iso, iso, "day")
    assert of_kind(text, "count", "2023-03-10") == []


@pytest.mark.parametrize("text", [
    "Le taux est passé à 14.5 % contre 3.2 l'an passé.",
    "Il y a 3.000.000 d'abonnés.",
    "Le score a été de 3/4 sur l'ensemble.",
    "Le vote a recueilli 32/45 voix.",
])
def test_figures_that_are_no_dates(text):
    assert of_kind(text, "date", "2023-03-10") == []


# --- big numbers and signs ----------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("La ville compte deux millions et demi d'habitants.", 2_500_000),
    ("La région compte trois millions quatre cent mille habitants.", 3_400_000),
    ("L'État a débloqué 1,2M d'euros.", 1_200_000),
    ("Le film a réuni 100K spectateurs.", 100_000),
    ("Le solde s'établit à -1200 personnes.", -1200),
    ("Le solde s'établit à moins 1200 personnes.", -1200),
    ("Selon le ministère, l'attaque a fait un mort.", 1),
    ("Le bilan fait état de zéro mort.", 0),
])
def test_big_and_signed_numbers(text, value):
    c = only(text, "count")
    assert (c.low, c.high) == (value, value)


def test_des_centaines_de_milliers_is_a_vague_interval():
    c = only("Des centaines de milliers de manifestants ont défilé.", "count")
    assert (c.low, c.high, c.qualifier) == (200_000, 1_000_000, "approx")


def test_an_approximation_after_the_noun():
    c = only("3 000 policiers environ étaient mobilisés.", "count")
    assert (c.low, c.high, c.qualifier) == (2850, 3150, "approx")


@pytest.mark.parametrize("text, low, high, qualifier", [
    # the hedge after an elided "d'" is a hedge, not a minus sign: "d'au moins 912" is 912 or more
    ("Le président a fait état d'au moins 912 morts.", 912, None, "at_least"),
    ("Il a fait état en début d'après-midi d'au moins 912 morts.", 912, None, "at_least"),
    ("Un bilan d'un peu plus de 2 000 morts.", 2000, None, "more_than"),
])
def test_a_hedge_after_an_elided_de(text, low, high, qualifier):
    c = only(text, "count")
    assert (c.low, c.qualifier) == (low, qualifier)
    assert high is None or c.high == high


@pytest.mark.parametrize("text", [
    "Il a passé un appel à son homologue.",  # an article, not a count
    "- 3 manifestants interpellés",  # a list dash, not a sign (the count is 3)
    "Il a gravi 10 m de plus.",  # "m" is metres, not millions
])
def test_no_sign_no_count_of_one_no_million(text):
    counts = of_kind(text, "count")
    assert all(c.low is None or c.low >= 0 for c in counts)
    assert all(c.low != 1 for c in counts)
    assert all(c.low < 1000 for c in counts if c.low is not None)


def test_a_counted_noun_starting_with_de_is_whole():
    c = only("Il fait 10 degrés à Lyon.", "count")
    assert c.noun == "degrés"


# --- non-values --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Contact : 04 91 22 33 44 ou 01.45.67.89.10.",
    "Écrivez au 13001 Marseille.",
    "L'Airbus A350 a atterri sans encombre.",
    "La résolution 2334 du Conseil de sécurité.",
    "Le PSG s'est imposé 2-0 à domicile.",
    "Les accords de Bâle III entrent en vigueur.",
    "La guerre de 39-45 a marqué la ville.",
    "Voir le rapport, p. 12 et page 14.",
    "L'article 49 de la Constitution.",
])
def test_figures_that_are_no_values(text):
    assert [m for m in extract(text) if m.kind in ("count", "duration", "time", "date")] == []


def test_a_count_beside_a_non_value_is_still_read():
    text = "Au 13001 Marseille, 300 manifestants se sont rassemblés."
    c = only(text, "count")
    assert (c.low, c.noun) == (300, "manifestants")


# --- weekdays and tense -----------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("Les ministres se réuniront lundi à Bruxelles.", "2023-03-20"),  # future tense: ahead
    ("Les ministres se sont réunis lundi à Bruxelles.", "2023-03-13"),  # past: the nearest, behind
    ("Le texte sera voté mardi prochain.", "2023-03-21"),
    ("Le texte a été voté jeudi dernier.", "2023-03-09"),
    ("Le texte est voté jeudi.", "2023-03-16"),  # the publication day itself
])
def test_a_weekday_follows_the_tense(text, iso):
    d = only(text, "date", "2023-03-16")  # a Thursday
    assert (d.low, d.high) == (iso, iso)


# --- zones by city, coast and dateline ----------------------------------------------------

@pytest.mark.parametrize("text, utc", [
    ("Le sommet commence à 11h, heure de Berlin.", 600),
    ("Le séisme a eu lieu à 6h du matin heure de Tokyo.", 1260),
    ("Le discours est prévu à 9h heure de la côte Ouest.", 1020),  # UTC-8 in February
    ("La réunion commence à 15h heure d'Istanbul.", 720),
    ("La réunion commence à 15h heure de Moscou.", 720),
])
def test_a_zone_named_by_a_city_or_a_coast(text, utc):
    t = only(text, "time", "2023-02-06")
    assert (t.low, t.high, t.tz) == (utc, utc, "UTC")


def test_heure_locale_takes_the_datelines_zone():
    text = "Séisme\n\nISTANBUL, 6 fév 2023 (AFP) - La secousse s'est produite à 13h24 heure locale."
    t = only(text, "time", "2023-02-06")
    assert (t.low, t.tz) == (624, "UTC")


@pytest.mark.parametrize("text", [
    "Séisme\n\nLa secousse s'est produite à 13h24 heure locale.",  # no dateline: the local clock
    "Séisme\n\nURGENT - La secousse s'est produite à 13h24 heure locale.",  # "URGENT" is no place
])
def test_heure_locale_without_a_dateline_stays_local(text):
    t = only(text, "time", "2023-02-06")
    assert (t.low, t.tz) == (804, None)


def test_heure_de_and_a_word_that_is_no_city():
    t = only("Il est arrivé à 15h, heure de pointe oblige.", "time", "2023-02-06")
    assert t.tz is None


@pytest.mark.parametrize("text, minutes", [
    ("Le Kremlin a chiffré la durée de l'échange à deux heures et cinq minutes.", 125),
    ("Les services ont estimé la durée de la coupure à 2h05.", 125),
    ("La préfecture évalue la durée totale des travaux à trois heures.", 180),
])
def test_a_duration_noun_makes_the_value_after_a_a_length_of_time(text, minutes):
    assert of_kind(text, "time") == []
    d = only(text, "duration")
    assert (d.low, d.high) == (minutes, minutes)


@pytest.mark.parametrize("text, minutes", [
    ("Le sommet a commencé à deux heures et cinq minutes.", 125),          # ambiguous in French: a time
    ("La durée du vol est connue, le départ à deux heures.", 120),         # a clause break between
    ("On connaît la durée de la trêve, qui prend fin à 2h05 du matin.", 125),  # a part of the day
])
def test_a_time_after_a_stays_a_time_without_a_governing_duration_noun(text, minutes):
    assert of_kind(text, "duration") == []
    t = only(text, "time")
    assert (t.low, t.high) == (minutes, minutes)


@pytest.mark.parametrize("text, first, second", [
    ("Les grèves sont prévues les 7 et 11 février.", "7", "11 février"),
    ("Les grèves sont prévues le 7 et le 11 février.", "7", "11 février"),
    ("Les grèves sont prévues mardi 7 et samedi 11 février.", "7", "11 février"),
])
def test_days_joined_by_et_are_a_list_of_two_dates(text, first, second):
    a, b = of_kind(text, "date", "2023-01-31")
    assert (span(text, a), a.low, a.high, a.qualifier) == (first, "2023-02-07", "2023-02-07", "exact")
    assert (span(text, b), b.low, b.high, b.qualifier) == (second, "2023-02-11", "2023-02-11", "exact")


@pytest.mark.parametrize("text", [
    "Les grèves auront lieu du 7 au 11 février.",
    "Les grèves auront lieu entre le 7 et le 11 février.",
    "Les grèves auront lieu du mardi 7 au samedi 11 février.",
])
def test_bounded_day_ranges_stay_one_interval(text):
    d = only(text, "date", "2023-01-31")
    assert (d.low, d.high, d.qualifier) == ("2023-02-07", "2023-02-11", "range")


@pytest.mark.parametrize("text, kind, low, high", [
    ("Moscou aurait massé environ 70 000 soldats à la frontière.", "count", 66_500, 73_500),
    # A figure rounded to the thousand is hedged less than one rounded to ten thousand (1 % at least).
    ("Quelque 94 000 soldats sont déployés.", "count", 93_060, 94_940),
    ("Environ 94 500 soldats sont déployés.", "count", 93_555, 95_445),
    ("Le bilan s'établit autour de 2 000 morts.", "count", 1_900, 2_100),
    ("L'entretien a duré près de deux heures.", "duration", 100, 120),
    # A count "près de" N: below N by one unit of its last written digit at most, 15 % at most.
    ("Près de 30 000 personnes ont défilé.", "count", 25_500, 30_000),
    ("Près de 1,3 million de personnes ont manifesté.", "count", 1_200_000, 1_300_000),
    ("Le bilan approche près de 1 500 morts.", "count", 1_400, 1_500),
    ("Près de 28 000 manifestants selon la police.", "count", 27_000, 28_000),
    ("Près de 100 000 soldats sont massés à la frontière.", "count", 85_000, 100_000),
    # Verbs that put a toll near a figure hedge like "près de".
    ("Le bilan approche donc les 1 500 morts.", "count", 1_400, 1_500),
    ("Le bilan avoisine 1 450 morts.", "count", 1_440, 1_450),
])
def test_hedges_are_as_narrow_as_news_means_them(text, kind, low, high):
    v = only(text, kind)
    assert (round(v.low), round(v.high), v.qualifier) == (low, high, "approx")


@pytest.mark.parametrize("text", ["Le bilan dépasse ainsi 7 800 morts.", "Le bilan dépasse 7 800 morts."])
def test_a_toll_past_a_figure_is_more_than_it(text):
    v = only(text, "count")
    assert (v.low, v.high, v.qualifier) == (7800, None, "more_than")


@pytest.mark.parametrize("text", [
    "Les 7 800 morts dépassent l'entendement.",      # the verb after the figure hedges nothing
    "Le cortège approche de la place, 7 800 personnes y sont.",  # "approche de la place" is no hedge
])
def test_verbs_that_hedge_no_figure(text):
    v = only(text, "count")
    assert (v.low, v.high, v.qualifier) == (7800, 7800, "exact")


def test_pres_de_is_never_above_the_figure_and_environ_not_ten_percent_off():
    near = only("L'entretien a duré près de deux heures.", "duration")
    assert near.high == 120 and near.low < 120
    about = only("Environ 70 000 manifestants ont défilé.", "count")
    assert about.low > 63_000 and about.high < 77_000
    exact = only("70 000 manifestants ont défilé.", "count")
    assert (exact.low, exact.high, exact.qualifier) == (70_000, 70_000, "exact")


@pytest.mark.parametrize("text", [
    "Moscou prévoirait d'en réunir jusqu'à 175 000.",
    "Jusqu'à 175 000 hommes pourraient être mobilisés.",
    "Kiev envisagerait de déployer 20 000 soldats.",
    "Le syndicat compterait rassembler 50 000 personnes.",
])
def test_a_conditional_of_intention_is_planned(text):
    assert only(text, "count").modality == "planned"


@pytest.mark.parametrize("text", [
    "L'attaque aurait fait 20 morts.",               # reported speech about a past fact
    "L'attaque pourrait avoir fait 20 morts.",       # a past infinitive
    "Le bilan pourrait être de 20 morts.",           # être + a preposition: no passive of intention
])
def test_a_conditional_of_a_past_fact_is_not_planned(text):
    assert only(text, "count").modality != "planned"


@pytest.mark.parametrize("text, modality", [
    ("La CGT compte mobiliser 100 000 personnes.", "planned"),      # compter + an infinitive intends
    ("Le SNUipp-FSU table sur 50 % de grévistes.", "planned"),       # a forecast
    ("La SNCF prévoit 3 000 trains.", "planned"),
    ("La préfecture a compté 34 000 manifestants.", "actual"),      # a count, done
    ("Les syndicats en ont compté 65 000.", "actual"),
])
def test_counting_is_no_plan_and_a_forecast_is(text, modality):
    assert only(text, "count").modality == modality


def test_counting_in_the_present_is_no_plan():
    assert only("La police compte 34 000 manifestants.", "count").modality != "planned"


@pytest.mark.parametrize("text, low, high", [
    ("Il est arrivé vers 18h08.", 1083, 1093),    # stated to the minute: five minutes either side
    ("Il est arrivé vers 18h10.", 1080, 1100),    # a round time keeps the wider hedge
    ("Il est arrivé vers 18 heures.", 1070, 1090),
])
def test_a_time_to_the_minute_is_hedged_less(text, low, high):
    t = only(text, "time")
    assert (t.low, t.high) == (low, high)


@pytest.mark.parametrize("text, day", [
    ("Le deuil national se poursuit jusqu'à dimanche.", "2023-02-12"),   # a limit lies ahead, present tense or not
    ("Les drapeaux resteront en berne jusqu'au dimanche 12 février.", "2023-02-12"),
    ("Les inscriptions sont ouvertes d'ici vendredi.", "2023-02-10"),
])
def test_a_weekday_limit_lies_ahead(text, day):
    d = only(text, "date", "2023-02-08")
    assert d.low == day


def test_a_weekday_without_a_limit_keeps_the_tense():
    assert only("Le séisme a frappé dimanche.", "date", "2023-02-08").low == "2023-02-05"


@pytest.mark.parametrize("text, value", [
    ("L'agence a d'abord évalué sa magnitude à 7,4.", 7.4),
    ("Sa magnitude est de 7,7 selon l'AFAD.", 7.7),
])
def test_a_magnitude_stated_by_its_noun(text, value):
    assert only(text, "magnitude").low == value


def test_a_whole_number_after_magnitude_a_is_no_magnitude():
    assert [m.kind for m in of_kind("Ils ont mesuré la magnitude à 3 reprises.", "magnitude")] == []


@pytest.mark.parametrize("text, value", [
    ("Deux personnes ont perdu la vie, et seize ont été blessées.", 16),
    ("Onze ont été interpellés en fin de journée.", 11),
])
def test_a_number_word_subject_of_its_verb_is_a_count(text, value):
    assert of_kind(text, "count")[-1].low == value


@pytest.mark.parametrize("text", [
    "Les deux ont été reçus à l'Élysée.",   # a determiner: people already counted
    "L'un des deux a été blessé.",
    "Le neuf a été retenu.",
    "Neuf.",                                 # a number word standing alone
])
def test_number_words_that_count_nothing(text):
    assert of_kind(text, "count") == []

# --- hours on a named day --------------------------------------------------------

@pytest.mark.parametrize("text, phrase, low, high, qualifier", [
    ("La vigilance rouge entre en vigueur à partir de mardi 16 heures.", "16 heures", 960, None, "at_least"),
    ("Les écoles sont fermées depuis lundi 8 heures.", "8 heures", 480, None, "at_least"),
    ("L'arrêté s'applique à compter de vendredi 18 heures.", "18 heures", 1080, None, "at_least"),
    ("Le couvre-feu court jusqu'à samedi 6 heures.", "6 heures", None, 360, "at_most"),
    ("Vendredi 7 heures, la crue atteignait 5,20 mètres.", "7 heures", 420, 420, "exact"),
    ("Samedi soir, 22 heures, les pompiers étaient toujours mobilisés.", "22 heures", 1320, 1320, "exact"),
    ("Le 14 mars, 18 heures, le bureau de vote a fermé.", "18 heures", 1080, 1080, "exact"),
    ("Dimanche 12 mars 2023, 20 heures, les résultats sont tombés.", "20 heures", 1200, 1200, "exact"),
])
def test_hours_right_after_a_named_day_are_a_time_of_that_day(text, phrase, low, high, qualifier):
    t = only(text, "time")
    assert span(text, t) == phrase
    assert (t.low, t.high, t.qualifier) == (low, high, qualifier)
    assert of_kind(text, "duration") == []
    assert len(of_kind(text, "date")) == 1


@pytest.mark.parametrize("text, minutes", [
    ("Mardi, 16 heures de grève ont paralysé le réseau.", 960),
    ("Les secours ont cherché pendant 18 heures.", 1080),
    ("Après 18 heures de route, les renforts sont arrivés.", 1080),
    ("Après six heures d'attente, les passagers ont été relogés.", 360),
    ("Lundi, ils ont négocié 12 heures.", 720),
    ("Il a neigé mardi 3 heures durant.", 180),
    ("Ils ont veillé samedi 10 heures de suite.", 600),
])
def test_hours_of_something_or_without_a_day_before_them_stay_lengths_of_time(text, minutes):
    assert of_kind(text, "time") == []
    d = only(text, "duration")
    assert (d.low, d.high) == (minutes, minutes)


@pytest.mark.parametrize("text, minutes", [
    ("Le cortège doit partir à 14 heures de la place de la République.", 840),
    ("Il est arrivé à 3 heures de l'après-midi.", 900),
    ("Le bureau a fermé après 18 heures.", 1080),
])
def test_a_time_of_day_followed_by_where_from_stays_a_time(text, minutes):
    assert of_kind(text, "duration") == []
    assert only(text, "time").low == minutes


def test_a_compter_de_opens_a_time_like_a_partir_de():
    t = only("Le stationnement est interdit à compter de 18 heures.", "time")
    assert (t.low, t.high, t.qualifier) == (1080, None, "at_least")
