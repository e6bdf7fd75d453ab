"""How much of an agreement ``ppcli import`` recovers: the five seed documents
(../shared/seeds/, see its README) imported and compared, field by field, with the files
encoded by hand in agreements/.

    python bench/import_score.py [--seeds DIR] [--verbose]

Each field the hand-encoded file or the import has is one of:

- exact: both have it, equal (text compared with spaces, dashes and year ranges
  written one way: "2021-2025" = "2021 - 2025");
- different: both have it, not equal (a longer title, a proposed organisation id…);
- missed: the hand-encoded file has it, the import does not (left to the clerk);
- invented: the import has it, the hand-encoded file does not. Must be 0: a wrong value
  is worse than a gap.

Fields: kind, title, number, signed, place; the parties (the set of ids) and each
party's role and signer (name, position); period start, end, term; legal_basis,
implements and replaces (each key), funding; each area's title, lead and details; each
duty's from, to, frequency, deadline, first, last and title; each conference's kind,
planned, frequency, host and title (a yearly recurring conference counted as one a year
of the period, as the hand-encoded files, older than recurring meetings, write "sơ kết hằng
năm"); each record's date. Lists are compared in order.
Left out: ids (of the agreement, areas, duties, conferences: names the encoder chose),
``source`` and ``notes`` (the encoder's words). Seed 001 (four agreements signed at one
ceremony) is compared with each of its four files. Exit 1 when anything is invented.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ppcli.files.repository import find_repo  # noqa: E402
from ppcli.importer.run import ImportRequest, import_file  # noqa: E402

SEEDS = {
    "000_e256e8f4279289c4.txt": ["kien-giang/kg-ubnd-tinhdoan-2023-2027.yaml"],
    "001_22b2c40d78dfa962.txt": ["binh-dinh/bd-ubnd-hoi-ccb-2023.yaml",
                                 "binh-dinh/bd-ubnd-hoi-lhpn-2023.yaml",
                                 "binh-dinh/bd-ubnd-hoi-nong-dan-2023.yaml",
                                 "binh-dinh/bd-ubnd-tinhdoan-2023.yaml"],
    "002_7cd2c1ec525e34c2.txt": ["nghe-an/na-sldtbxh-tinhdoan-2022-2025.yaml"],
    "003_ccba886bb820e12a.txt": ["ca-mau/cm-snv-tinhdoan-2022-2026.yaml"],
    "004_d48f368ff062c88b.txt": ["bac-ninh/bn-ubnd-cac-co-quan-2021-2026.yaml"],
}
KINDS = ("exact", "different", "missed", "invented")


def norm(value: object) -> object:
    """A value as compared: text with one kind of space and dash, ids as sets."""
    if isinstance(value, (dt.date, int)):
        return str(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).replace("–", "-").replace("—", "-")
        text = re.sub(r"\b(\d{4})\s*-\s*(\d{4})\b", r"\1 - \2", text)
        return " ".join(text.split()).rstrip(".")
    if isinstance(value, list):
        return tuple(norm(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, norm(v)) for k, v in value.items()))
    return value


def ids(value: object) -> object:
    if value is None:
        return None
    return tuple(sorted(value)) if isinstance(value, list) else (value,)


def fields(doc: dict[str, object]) -> dict[str, object]:
    """The compared fields of one agreement (see the module's docstring)."""
    out: dict[str, object] = {}

    def put(path: str, value: object) -> None:
        if value not in (None, "", [], {}, ()):
            out[path] = value

    for key in ("kind", "title", "number", "signed", "place"):
        put(key, norm(doc.get(key)))
    parties = doc.get("parties") or []
    put("parties", tuple(sorted(p["org"] for p in parties)))
    for p in parties:
        put(f"parties[{p['org']}].role", norm(p.get("role")))
        signer = p.get("signer") or {}
        put(f"parties[{p['org']}].signer.name", norm(signer.get("name")))
        put(f"parties[{p['org']}].signer.position", norm(signer.get("position")))
    period = doc.get("period") or {}
    for key in ("start", "end", "term"):
        put(f"period.{key}", norm(period.get(key)))
    put("legal_basis", norm(doc.get("legal_basis") or []))
    put("funding", norm(doc.get("funding") or []))
    for ref in ("implements", "replaces"):
        for key, value in (doc.get(ref) or {}).items():
            put(f"{ref}.{key}", norm(value))
    for n, area in enumerate(doc.get("areas") or []):
        put(f"areas[{n}].title", norm(area.get("title")))
        put(f"areas[{n}].lead", ids(area.get("lead")))
        put(f"areas[{n}].details", norm(area.get("details") or []))
    for n, duty in enumerate(doc.get("duties") or []):
        for key in ("from", "to"):
            put(f"duties[{n}].{key}", ids(duty.get(key)))
        for key in ("frequency", "deadline", "first", "last", "title"):
            put(f"duties[{n}].{key}", norm(duty.get(key)))
    for n, conf in enumerate(_instances(doc)):
        put(f"conferences[{n}].host", ids(conf.get("host")))
        for key in ("kind", "planned", "frequency", "title"):
            put(f"conferences[{n}].{key}", norm(conf.get(key)))
    for n, record in enumerate(doc.get("records") or []):
        put(f"records[{n}].date", norm(record.get("date")))
    return out


def _instances(doc: dict[str, object]) -> list[dict[str, object]]:
    """The conferences, a yearly recurring one as one per year of the agreement's period:
    the hand-encoded files predate recurring meetings (FORMAT-NEW) and write "sơ kết hằng
    năm" as one conference a year, so the two shapes of one fact are compared alike."""
    period = doc.get("period") or {}
    assert isinstance(period, dict)
    start, end = period.get("start"), period.get("end")
    out: list[dict[str, object]] = []
    for conf in doc.get("conferences") or []:  # type: ignore[attr-defined]
        if conf.get("frequency") == "hang-nam" and isinstance(start, dt.date) and \
                isinstance(end, dt.date):
            base = {k: v for k, v in conf.items() if k != "frequency"}
            out += [{**base, "planned": year} for year in range(start.year, end.year + 1)]
        else:
            out.append(conf)
    return out


def compare(imported: dict[str, object], hand: dict[str, object]
            ) -> list[tuple[str, str, object, object]]:
    rows = []
    for path in sorted(set(imported) | set(hand)):
        a, b = imported.get(path), hand.get(path)
        kind = "invented" if b is None else "missed" if a is None else \
            "exact" if a == b else "different"
        rows.append((kind, path, a, b))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = ROOT.parent / "shared" / "seeds"
    parser.add_argument("--seeds", type=Path, default=shared if shared.is_dir() else
                        ROOT / "tests" / "data" / "import")
    parser.add_argument("--verbose", "-v", action="store_true", help="every field")
    args = parser.parse_args()
    repo = find_repo(ROOT)
    total: Counter[str] = Counter()
    once: dict[str, float] = {k: 0.0 for k in KINDS}  # each seed counted once
    for seed, hands in SEEDS.items():
        result = import_file(repo, ImportRequest(args.seeds / seed, dry_run=True),
                             dt.date(2026, 12, 1))
        imported = fields(yaml.safe_load(result.text))
        for hand_file in hands:
            hand = fields(yaml.safe_load((repo.data / hand_file).read_text(encoding="utf-8")))
            rows = compare(imported, hand)
            counts = Counter(kind for kind, *_ in rows)
            total += counts
            for k in KINDS:
                once[k] += counts[k] / len(hands)
            print(f"{seed} → {hand_file}: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
            for kind, path, a, b in rows:
                if args.verbose or kind in ("invented", "different"):
                    print(f"    {kind:9} {path}: import={a!r} hand={b!r}"[:400])
    n = sum(total.values())
    print(f"\nAll {n} fields: " + ", ".join(
        f"{k} {total[k]} ({100 * total[k] / n:.1f} %)" for k in KINDS))
    m = sum(once.values())
    print(f"Each seed once (001's four files averaged), {m:.0f} fields: " + ", ".join(
        f"{k} {once[k]:.0f} ({100 * once[k] / m:.1f} %)" for k in KINDS))
    return 1 if total["invented"] else 0


if __name__ == "__main__":
    sys.exit(main())
