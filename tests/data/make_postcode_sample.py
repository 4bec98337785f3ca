"""Write postcodes-sample.csv.gz: whole postcode sectors around the places the tests search
for, so that sector centres and sizes in the tests are the real ones.

    .venv/bin/python tests/data/make_postcode_sample.py
"""

import csv
import gzip
import math
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "meetings" / "data"
PLACES = ["leeds", "brighton", "richmond", "salford", "st ives", "st. ives", "newport", "derry"]
SECTORS = ["M1 1", "M1 2", "SW1A 1", "SW1A 2"]  # searched for by sector or postcode
MILES = 2.0


def main():
    with (DATA / "uk-places.csv").open(newline="", encoding="utf-8") as f:
        centres = [
            (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(f)
            if row["place"].lower() in PLACES
        ]
    by_sector = defaultdict(list)
    with gzip.open(DATA / "uk-postcodes.csv.gz", "rt", newline="") as f:
        for postcode, latitude, longitude in list(csv.reader(f))[1:]:
            by_sector[postcode[:-2]].append((postcode, latitude, longitude))
    kept = [
        sector
        for sector, units in by_sector.items()
        if sector in SECTORS or any(near(float(u[1]), float(u[2]), centres) for u in units)
    ]
    with gzip.open(HERE / "postcodes-sample.csv.gz", "wt", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["postcode", "latitude", "longitude"])
        for sector in sorted(kept):
            writer.writerows(by_sector[sector])
    print(f"{len(kept)} sectors, {sum(len(by_sector[s]) for s in kept)} postcodes")


def near(latitude, longitude, centres):
    for lat, lng in centres:
        if abs(lat - latitude) < 0.04:
            dx = (lng - longitude) * math.cos(math.radians(lat))
            if 69.0 * math.hypot(dx, lat - latitude) < MILES:
                return True
    return False


if __name__ == "__main__":
    main()
