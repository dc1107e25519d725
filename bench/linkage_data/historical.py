#!/usr/bin/env python3
"""Historical-person linkage data in the shared CSV layout, split into dev and test by person.

Source: `historical_figures_with_errors_50k.parquet` of the public GitHub repository
moj-analytical-services/splink_datasets (MIT licence, commit 75876d806d9e, file sha256 checked
below). Splink's own tutorials use it: 50,000 records of about 5,200 real people taken from
Wikidata (names, birth dates, birth places, occupations of historical figures), each person
copied several times with the kinds of error seen in transcribed historical records: typos,
name variants and nicknames, missing fields, dates off by a little or with day and month
swapped, another place in the same area. The errors are generated, not transcribed by
people; the people, names, places and their frequencies are real, which is what
term-frequency adjustments and name handling are tested on.

Mapping to the shared layout: first_name, surname, dob, gender, occupation as they are;
birth_place -> city; postcode_fake -> postcode; the other columns stay empty.

Split: the clusters (people) are sorted, shuffled with random.Random(SEED) and cut in two
halves, so no person has records on both sides:
  historical_dev.csv   tune on this only
  historical_test.csv  never tune on this; report it
Same input and seed give byte-identical files.

Usage:
  python3 bench/linkage_data/historical.py [--raw DIR] [--out DIR] [--seed N]
--raw is a folder holding the parquet file (for example a clone of splink_datasets at the
commit above: data/); without it the file is downloaded from GitHub at that commit.
--out defaults to $LINKAGE_BIG or /tmp/linkage, where bench/linkage looks for datasets.
Needs pyarrow (in ../shared/linkage/requirements.txt).
"""
import argparse
import csv
import hashlib
import os
import random
import sys
import urllib.request
from pathlib import Path

COMMIT = "75876d806d9eff72072d21878150ee50a96d5f41"
NAME = "historical_figures_with_errors_50k.parquet"
URL = f"https://raw.githubusercontent.com/moj-analytical-services/splink_datasets/{COMMIT}/data/{NAME}"
SHA256 = "b8b748402ff37b15c2d5e8a5b9374abe269b9d297aacb7f4c9498365b7cace43"
SEED = 20261203
SCHEMA = ["unique_id", "cluster", "source_dataset", "first_name", "surname", "dob", "gender",
          "address", "city", "postcode", "phone", "email", "national_id", "occupation"]


def parquet_bytes(raw):
    if raw is not None:
        data = (raw / NAME).read_bytes()
    else:
        with urllib.request.urlopen(URL, timeout=60) as r:
            data = r.read()
    got = hashlib.sha256(data).hexdigest()
    if got != SHA256:
        sys.exit(f"{NAME}: sha256 {got}, expected {SHA256}")
    return data


def rows(data):
    import io

    import pyarrow.parquet as pq

    for r in pq.read_table(io.BytesIO(data)).to_pylist():
        yield {
            "unique_id": r["unique_id"], "cluster": r["cluster"],
            "first_name": r["first_name"], "surname": r["surname"], "dob": r["dob"],
            "gender": r["gender"], "city": r["birth_place"], "postcode": r["postcode_fake"],
            "occupation": r["occupation"],
        }


def write(recs, path, source):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=SCHEMA, lineterminator="\n")
        w.writeheader()
        for r in recs:
            out = {k: ("" if r.get(k) is None else str(r[k])) for k in SCHEMA}
            out["source_dataset"] = source
            w.writerow(out)
    return len(recs)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path)
    ap.add_argument("--out", type=Path, default=Path(os.environ.get("LINKAGE_BIG", "/tmp/linkage")))
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args()
    recs = list(rows(parquet_bytes(a.raw)))
    recs.sort(key=lambda r: r["unique_id"])
    clusters = sorted({r["cluster"] for r in recs})
    random.Random(a.seed).shuffle(clusters)
    dev = set(clusters[: len(clusters) // 2])
    a.out.mkdir(parents=True, exist_ok=True)
    for name, part in [("historical_dev", [r for r in recs if r["cluster"] in dev]),
                       ("historical_test", [r for r in recs if r["cluster"] not in dev])]:
        n = write(part, a.out / f"{name}.csv", "historical")
        people = len({r["cluster"] for r in part})
        print(f"{name}\t{n} records\t{people} people\t{a.out / (name + '.csv')}")


if __name__ == "__main__":
    main()
