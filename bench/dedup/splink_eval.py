"""Splink (Fellegi–Sunter, DuckDB backend) on the same labelled sets as the hub's engine.

    python bench/dedup/splink_eval.py

Unsupervised, as Splink's own FEBRL examples: u by random sampling, m and λ by EM on two
blocking passes; the pairs with match probability ≥ 0.5 are the prediction. Prints the same
precision / recall / F1 as benchmark.py, and the time each set took.
"""

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, str(Path(__file__).parent))

from labelled import LabelledSet, febrl, scores, true_pairs


def _frame(labelled: LabelledSet) -> pd.DataFrame:
    frame = pd.DataFrame(labelled.records)
    frame["unique_id"] = frame["id"]
    columns = ["unique_id", "given_name", "family_name", "date_of_birth", "id_number"]
    columns += ["address", "suburb", "postcode", "state"]
    return frame[columns]


def splink_quality(labelled: LabelledSet) -> dict[str, Any]:
    """Train on the set itself without labels, predict, and score against the labels."""
    started = time.perf_counter()
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("family_name"),
            block_on("date_of_birth"),
            block_on("id_number"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("id_number", [1, 2]),
            cl.LevenshteinAtThresholds("address", [2, 5]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register(_frame(labelled)), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), record_sample_proportion=1.0
    )
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), record_sample_proportion=1.0
    )
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    predicted = {
        (a, b) if a < b else (b, a)
        for a, b in zip(predictions["unique_id_l"], predictions["unique_id_r"], strict=True)
    }
    elapsed = time.perf_counter() - started
    truth = true_pairs(labelled.records)
    return {
        "set": labelled.name,
        "engine": "splink",
        **scores(predicted, truth),
        "seconds": round(elapsed, 2),
    }


def main() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)
    for labelled in (febrl(1), febrl(2)):
        print("splink:", json.dumps(splink_quality(labelled)))


if __name__ == "__main__":
    main()
