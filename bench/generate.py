"""Generate a large agreements repository for benchmarks.

    python bench/generate.py --count 5000 --out DIR [--seed 1]

Agreements are spread over 34 province folders, each with 2 to 4 parties, 1 to 4 duties
of every frequency, 0 to 2 conferences and a few records: about the size and shape of
the bundled seed agreements. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from ppcli.periods import Frequency, periods_between

RECORDED_UNTIL = dt.date(2026, 10, 31)  # reports sent up to here, but a few
MISSED = 0.02  # share of past periods left unreported (they show as overdue)

PROVINCES = ["ha-noi", "hue", "lai-chau", "dien-bien", "son-la", "lang-son", "quang-ninh",
             "thanh-hoa", "nghe-an", "ha-tinh", "cao-bang", "tuyen-quang", "lao-cai",
             "thai-nguyen", "phu-tho", "bac-ninh", "hung-yen", "hai-phong", "ninh-binh",
             "quang-tri", "da-nang", "quang-ngai", "gia-lai", "khanh-hoa", "lam-dong",
             "dak-lak", "ho-chi-minh", "dong-nai", "tay-ninh", "can-tho", "vinh-long",
             "dong-thap", "an-giang", "ca-mau"]
ORG_KINDS = [("ubnd", "Ủy ban nhân dân tỉnh", "ubnd"), ("snv", "Sở Nội vụ tỉnh", "so"),
             ("stc", "Sở Tài chính tỉnh", "so"), ("syt", "Sở Y tế tỉnh", "so"),
             ("td", "Tỉnh đoàn", "doan-the"), ("hnd", "Hội Nông dân tỉnh", "doan-the"),
             ("hlhpn", "Hội Liên hiệp Phụ nữ tỉnh", "doan-the"),
             ("mttq", "Ủy ban MTTQ Việt Nam tỉnh", "mttq")]
FREQS = [("hang-thang", "2024-01"), ("hang-quy", "2024-Q1"), ("nua-nam", "2024-H1"),
         ("hang-nam", "2024")]

CONFIG = """\
place: Hà Nội
issuer: ha-noi-snv
default_deadline:
  regime: nd09
"""


def registry() -> str:
    lines = ["organisations:"]
    for province in PROVINCES:
        for code, name, kind in ORG_KINDS:
            lines += [f"  - id: {province}-{code}",
                      f"    name: {name} {province.replace('-', ' ').title()}",
                      f"    kind: {kind}", f"    province: {province}"]
    return "\n".join(lines) + "\n"


def agreement(rng: random.Random, index: int, province: str) -> tuple[str, str]:
    aid = f"{province}-tt-{index:05d}"
    start_year = rng.randint(2019, 2025)
    orgs = rng.sample([c for c, _, _ in ORG_KINDS], rng.randint(2, 4))
    lines = [
        "# yaml-language-server: $schema=../../docs/schema/agreement.schema.json",
        f"# Thỏa thuận sinh tự động số {index} cho đo hiệu năng",
        f"id: {aid}",
        f"kind: {rng.choice(['quy-che', 'chuong-trinh', 'ke-hoach'])}",
        f"title: Quy chế phối hợp số {index} giữa các cơ quan tỉnh giai đoạn "
        f"{start_year} - {start_year + 4}",
        f"number: \"{index:02d}/QCPH-{orgs[0].upper()}\"",
        f"signed: {start_year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "parties:",
    ]
    for org in orgs:
        lines += [f"  - org: {province}-{org}", "    signer:",
                  f"      name: Nguyễn Văn {chr(65 + rng.randint(0, 25))}",
                  "      position: Giám đốc"]
    lines += ["period:", f"  start: {start_year}-01-01", f"  end: {start_year + 4}-12-31",
              "areas:"]
    for j in range(rng.randint(2, 5)):
        lines += [f"  - id: noi-dung-{j}", f"    title: Nội dung phối hợp thứ {j + 1} về "
                  "tuyên truyền, phổ biến chính sách, pháp luật",
                  f"    lead: {province}-{orgs[0]}"]
    lines.append("duties:")
    duties = []
    for j in range(rng.randint(1, 4)):
        freq, _ = rng.choice(FREQS)
        duties.append((f"bao-cao-{j}", freq))
        lines += [f"  - id: bao-cao-{j}", f"    title: Báo cáo kết quả thực hiện số {j}",
                  f"    from: {province}-{orgs[1]}", f"    to: {province}-{orgs[0]}",
                  f"    frequency: {freq}"]
        if rng.random() < 0.5:
            lines.append(f"    deadline: {{day: {rng.randint(10, 31)}}}")
    lines.append("conferences:")
    held = []
    for j in range(rng.randint(0, 2)):
        year = start_year + 2 + 2 * j
        lines += [f"  - id: hoi-nghi-{j}", f"    kind: {['so-ket', 'tong-ket'][j]}",
                  f"    planned: {year}", f"    host: {province}-{orgs[0]}"]
        if year < RECORDED_UNTIL.year and rng.random() > MISSED:
            held.append((f"hoi-nghi-{j}", f"{year}-11-2{rng.randint(0, 8)}"))
    lines.append("records:")
    for conf_id, day in held:
        lines += [f"  - conference: {conf_id}", f"    date: {day}"]
    end = min(dt.date(start_year + 4, 12, 31), RECORDED_UNTIL)
    for duty_id, freq in duties:
        for period in periods_between(Frequency(freq), dt.date(start_year, 1, 1), end):
            if period.end > RECORDED_UNTIL or rng.random() < MISSED:
                continue
            lines += [f"  - report: {duty_id}", f"    period: \"{period.key}\"",
                      f"    date: {period.end.isoformat()}",
                      f"    number: \"{rng.randint(1, 99):02d}/BC\""]
    if lines[-1] == "records:":
        lines[-1] = "records: []"
    return aid, "\n".join(lines) + "\n"


def generate(out: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    data = out / "agreements"
    data.mkdir(parents=True, exist_ok=True)
    (data / "ppcli.yaml").write_text(CONFIG, encoding="utf-8")
    (data / "organisations.yaml").write_text(registry(), encoding="utf-8")
    for i in range(count):
        province = PROVINCES[i % len(PROVINCES)]
        folder = data / province
        folder.mkdir(exist_ok=True)
        aid, text = agreement(rng, i, province)
        (folder / f"{aid}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate an agreements repository.")
    parser.add_argument("--count", type=int, default=5000, help="number of agreements")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
