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

from labelled import LabelledSet, cn_institutions, family_pairs, febrl, scores, true_pairs

from hub.dedup.engine import Matcher
from hub.dedup.rules import load_rules


def _frame(labelled: LabelledSet) -> pd.DataFrame:
    frame = pd.DataFrame(labelled.records)
    frame["unique_id"] = frame["id"]
    columns = ["unique_id", "given_name", "family_name", "date_of_birth", "id_number"]
    columns += ["address", "suburb", "postcode", "state"]
    return frame[columns]


def _institution_frame(labelled: LabelledSet) -> pd.DataFrame:
    # The hub's CJK normalisers run first either way; Splink compares their features.
    matcher = Matcher(load_rules().for_entity("institution"))
    rows = []
    for record in labelled.records:
        features = matcher.prepare(record).features
        place = features.get("place") or ""
        rows.append(
            {
                "unique_id": record["id"],
                "cluster": record["cluster"],
                "keys": sorted(features["name.keys"]),
                "brand": features.get("name.brand"),
                "core": features.get("name.core"),
                "ordinal": features["name.ordinal"],
                "specialty": features["name.specialty"],
                "outlet": features["name.outlet"],
                "kinds": ",".join(sorted(features["name.kinds"])),
                "parent": features.get("name.parent"),
                "province": place[:2] or None,
                "city": place[:4].rstrip("0") if place[2:4] != "00" else None,
            }
        )
    return pd.DataFrame(rows)


def splink_institutions(labelled: LabelledSet) -> dict[str, Any]:
    """Splink on the Chinese set, on the hub's normalised name features."""
    started = time.perf_counter()
    db_api = DuckDBAPI()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            "array_length(list_intersect(l.keys, r.keys)) > 0",
            block_on("brand"),
        ],
        comparisons=[
            cl.ArrayIntersectAtSizes("keys", [1]),
            cl.JaroWinklerAtThresholds("brand", [0.95, 0.8]),
            cl.JaroWinklerAtThresholds("core", [0.95, 0.8]),
            cl.ExactMatch("ordinal"),
            cl.ExactMatch("specialty"),
            cl.ExactMatch("outlet"),
            cl.ExactMatch("kinds"),
            cl.ExactMatch("parent"),
            cl.ExactMatch("province"),
            cl.ExactMatch("city"),
        ],
    )
    linker = Linker(db_api.register(_institution_frame(labelled)), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("brand", "ordinal", "specialty", "outlet")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    # EM alone learns nothing useful from 509 records (F1 0.34 when tried): m comes from the
    # labels, which flatters Splink (it is trained on the set it is scored on).
    linker.training.estimate_m_from_label_column("cluster")
    return _scored(linker, labelled, started)


def _scored(linker: Linker, labelled: LabelledSet, started: float) -> dict[str, Any]:
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    predicted = {
        (a, b) if a < b else (b, a)
        for a, b in zip(predictions["unique_id_l"], predictions["unique_id_r"], strict=True)
    }
    elapsed = time.perf_counter() - started
    truth = true_pairs(labelled.records)
    result = {"set": labelled.name, "engine": "splink", **scores(predicted, truth)}
    if "family" in labelled.records[0]:
        within = family_pairs(labelled.records)
        result["hard_negative_precision"] = scores(predicted & within, truth)["precision"]
    return {**result, "seconds": round(elapsed, 2)}


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
    return _scored(linker, labelled, started)


def main() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)
    print("splink:", json.dumps(splink_institutions(cn_institutions()), ensure_ascii=False))
    for labelled in (febrl(1), febrl(2)):
        print("splink:", json.dumps(splink_quality(labelled)))


if __name__ == "__main__":
    main()
