"""Regenerate docs/claims.md from the examples below: `python docs/make_claims_md.py`.

The JSON in the page is the pipeline's real output; tests/test_docs.py fails when it drifts.
"""

import json
from pathlib import Path

from pipeline.nlp import load_pipeline
from pipeline.records import Claim

# the contract's claim fields, without the sentence and its entities (for brevity)
FIELDS = tuple(field for field in Claim._fields if field not in {"sentence", "entities"})
SECTIONS = [
    ("Values: digits, scales, currencies, percent, points",
     "Each claim's `value` is in its `unit`, scale applied; money is an ISO 4217 code, "
     "`unit_text` is the unit as written.",
     ["The lender's net profit rose to €40m in the first half.",
      "The state will invest Rs 300 crore in rural roads.",
      "The central bank cut its key rate by 0.5 pp to 14.75%."]),
    ("Number words and fractions",
     "Spelled-out numbers are counts; fractions are shares in percent.",
     ["Twelve miners were trapped underground.",
      "Around two dozen villages were flooded.",
      "Three-quarters of the electorate turned out to vote."]),
    ("Ranges",
     "`value` is null; `low` and `high` hold both ends, and a scale or unit written once "
     "applies to both.",
     ["The rebuilding will cost $3-4 billion, the World Bank estimates.",
      "Officials expect between 10 and 15 percent of flights to be cancelled."]),
    ("Vague amounts",
     "`value` is null and `low` holds the least amount the words guarantee; `bound` is "
     "`at_least`.",
     ["The conflict has caused billions of dollars in damage.",
      "Tens of thousands of people fled the fighting."]),
    ("Bounds",
     "Qualifiers set `bound`; they are not part of the quantity span.",
     ["The fund manages just under $2 trillion in assets.",
      "The company has more than 4,000 employees in Poland.",
      "He was elected with roughly 58 percent of the vote."]),
    ("Changes",
     "`change` is set when the quantity is itself a change; a level reached or an earlier "
     "value (\"up from\") is not a change.",
     ["Exports fell 3.4 percent in the year to June.",
      "Car sales halved during the lockdown.",
      "Turnout was 61%, up from 54% in 2019."]),
    ("Counts",
     "`unit` is `count` and `counted` is what is counted.",
     ["Police arrested more than 200 protesters.",
      "An estimated 1.25 million to 1.5 million refugees crossed the border.",
      "The airline carried 4.5m passengers last month, and 3m tonnes of cargo.",
      "Nine people died and 27 were injured."]),
    ("Physical measures and SI values",
     "Every unit a story can measure with (length, area, volume, mass, speed, power, energy, "
     "torque, pressure, frequency, data size, current, fuel use): `dimension` says what it "
     "measures, and `si_value` with `si_unit` put it in SI units, so that \"250 hp\" and "
     "\"186 kW\" compare in one query.",
     ["The storm packed winds of 65 mph and dumped 3/4 inch of rain on the city.",
      "The pickup delivers 280 lb-ft of torque and weighs 2,200 kg.",
      "The old engine made 250 hp; the new electric motor makes 186 kW.",
      "The laptop has a 12″ screen and 512GB of storage.",
      "The new car does 52 mpg, or 5.4 l/100km."]),
    ("Temperatures",
     "Celsius and Fahrenheit are converted to kelvin; \"degrees\" with no scale is a "
     "temperature in a sentence about temperature, with no SI value.",
     ["Temperatures fell to minus 5 °C overnight in Warsaw.",
      "Her temperature was 98.6 degrees Fahrenheit when she arrived."]),
    ("Ages and durations",
     "An age has the unit `year` and the dimension `age`; a duration is a claim, a time "
     "stamp (\"two years ago\", \"in 2022\") is not.",
     ["The 43-year-old driver was arrested after the crash.",
      "Applicants aged 25 to 40 may apply for the scheme.",
      "John Smith, 58, said the plant would close.",
      "The average age of farmers is 58.",
      "He was jailed for 11 years for fraud."]),
    ("Prices and rates",
     "The unit of a price or a rate is the rate: money or a measure per something.",
     ["Brent crude rose to $68 a barrel on Monday.",
      "The bill would raise the minimum wage from $7.25 to $15 an hour.",
      "Flats of 45 sq m in the district sell for $950 per square foot.",
      "The plant will produce 20,000 tonnes of lithium a year."]),
    ("Currencies as markets write them",
     "Symbols and codes before or against the number, scales written short, minor units "
     "converted to the major one; a currency shared by several countries takes the country of "
     "its sentence.",
     ["Maybank shares closed at RM4.20 in Kuala Lumpur.",
      "The lender raised EUR30m from investors, while its Hong Kong unit raised HK$2.1m.",
      "Shares in the retailer fell 12p to 245p in London.",
      "The deal is worth 120 billion rupees, Sri Lanka's finance ministry said."]),
    ("Signed values, number words of any size, fractions and marks",
     "A signed percentage is a move; spelled-out numbers of any size are read; fraction signs, "
     "superscripts and the minus sign are read as written.",
     ["Nikkei -0.9%, Hang Seng +1.2% at midday.",
      "The city has three hundred and forty-two thousand residents.",
      "The flat measures 45 m² and the recipe needs ½ cup of sugar.",
      "The outdoor temperature dropped to −5°C."]),
    ("Ranges said as ranges",
     "One claim with `low` and `high`, whatever the words between the ends.",
     ["Ticket prices range from $150 to $2 million for the final.",
      "Adults need 1,800 - 2,200 calories a day."]),
    ("Not claims",
     "Dates, ordinals, referential numbers, identifiers and numbers inside names give no claim.",
     ["The first talks between the two countries were held on March 27, 2019.",
      "See section 4 of the report on page 23.",
      "The Group of 20 met as Boeing 737 deliveries resumed."]),
    ("Subject",
     "The noun phrase the quantity measures, from the dependency parse.",
     ["China accounts for 18 percent of Kazakhstan's foreign trade turnover.",
      "Investment in the sector totalled almost $23 billion."]),
    ("Time and source",
     "The date the claim holds for, with its preposition, and who the figure is attributed to.",
     ["In 2017, China supplied nearly 16 percent of the country's imports, according to World "
      "Bank data.",
      "Output has tripled since 2015, said Maria Lopez, an analyst at Moody's."]),
]
INTRO = """# Numeric claims: what each phenomenon produces

Every example below is checked by `tests/test_docs.py`: the JSON is what the pipeline writes to
`claims.jsonl` for that input (without `doc_id`, `claim_id`, `sentence` and `entities`, for
brevity). Field meanings: [`annotation.md`](annotation.md). Regenerate with
`.venv/bin/python docs/make_claims_md.py`.
"""


def render() -> str:
    nlp = load_pipeline()
    lines = [INTRO]
    for title, intro, texts in SECTIONS:
        lines += [f"## {title}", "", intro, ""]
        for text in texts:
            claims = [
                json.dumps({field: claim.to_dict()[field] for field in FIELDS}, ensure_ascii=False)
                for claim in nlp(text)._.claims
            ]
            body = "[\n" + ",\n".join(claims) + "\n]" if claims else "[]"
            lines += [f"Input: `{text}`", "", "```json", body, "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    (Path(__file__).parent / "claims.md").write_text(render(), encoding="utf-8")
