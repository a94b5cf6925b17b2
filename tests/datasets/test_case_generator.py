"""The shipped case dataset is exactly what its generator makes from the seed, from the shipped articles."""

import csv
import hashlib

from lianjie.datasets import case_generator, excerpts
from lianjie.datasets.case_facts import BAOJING, LINGSHAN, all_facts
from lianjie.datasets.roster import pick, split_total

#: SHA-256 of the two articles as published in the project's seeds.
ARTICLE_SHA256 = {
    LINGSHAN: "36e4f230c52cd5bdd43ce0f94d2a9cf88748b475e0b2f61c0cd4232a1d668494",
    BAOJING: "9b774a734c909e7c0861a9863033124f53b3a92158d23d18f9c3aee1c322ca4b",
}


def test_the_shipped_excerpts_are_from_the_published_articles(articles):
    shipped = excerpts.load_excerpts()["articles"]
    assert {name: entry["sha256"] for name, entry in shipped.items()} == ARTICLE_SHA256
    for name, entry in shipped.items():
        whole = articles[name]
        if len(whole) == entry["length"]:  # the articles themselves are at hand: each passage sits at its offset
            assert hashlib.sha256(whole.encode("utf-8")).hexdigest() == ARTICLE_SHA256[name]
            for e in entry["excerpts"]:
                assert whole[e["offset"] : e["offset"] + len(e["text"])] == e["text"]
        offsets = [e["offset"] for e in entry["excerpts"]]
        assert offsets == sorted(offsets) and all(e["text"] for e in entry["excerpts"])


def test_the_excerpts_hold_every_quote_of_the_case_dataset_and_no_more():
    text = excerpts.excerpt_text()
    found = excerpts.quotes()
    assert set(found) == set(ARTICLE_SHA256)
    for name, quotes in found.items():
        assert all(q in text[name] for q in quotes)
        # every passage is made of quotes: none is there for its own sake
        for e in excerpts.load_excerpts()["articles"][name]["excerpts"]:
            covered = [False] * len(e["text"])
            for q in quotes:
                at = e["text"].find(q)
                while at >= 0:
                    covered[at : at + len(q)] = [True] * len(q)
                    at = e["text"].find(q, at + 1)
            assert all(covered), e["text"][:40]


def test_regenerating_from_the_seed_gives_the_shipped_files_byte_for_byte(tmp_path):
    made = case_generator.write(tmp_path, case_generator.SEED)
    for path in made:
        assert path.read_bytes() == (case_generator.CASE_DIR / path.name).read_bytes(), path.name


def test_another_seed_gives_another_roster_with_the_same_facts(tmp_path):
    case_generator.write(tmp_path, case_generator.SEED + 1)
    shipped = (case_generator.CASE_DIR / "links.csv").read_text(encoding="utf-8")
    other = (tmp_path / "links.csv").read_text(encoding="utf-8")
    assert other != shipped
    facts = sum(len(f.links) + sum(len(g.about) for g in f.figures) for f in all_facts())
    assert other.splitlines()[: facts + 1] == shipped.splitlines()[: facts + 1]


def test_every_quote_of_the_shipped_files_is_verbatim_and_every_fact_has_one(articles):
    checked = 0
    for name in ("nodes.csv", "links.csv"):
        with open(case_generator.CASE_DIR / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["是否合成"] == "是":
                    assert not row["原文"], row
                    continue
                assert row["出处"] in articles, row
                assert row["原文"] and row["原文"] in articles[row["出处"]], row
                checked += 1
    assert checked > 350


def test_quotes_with_commas_survive_the_csv_round_trip():
    with open(case_generator.CASE_DIR / "nodes.csv", encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["编号"] == "F-LS-HOUSEHOLDS-LIFTED")
    assert row["原文"] == "全县121个贫困村全部实现摘帽,18182户82718贫困人口实现脱贫"
    assert (row["指标"], row["数值"], row["单位"], row["数值界限"]) == ("脱贫户数", "18182", "户", "确数")


def test_split_total_and_pick_are_exact_and_deterministic():
    import random

    parts = split_total(random.Random(7), 82718, 18182, 1, 9)
    assert sum(parts) == 82718 and min(parts) >= 1 and max(parts) <= 9
    assert parts == split_total(random.Random(7), 82718, 18182, 1, 9)
    chosen = pick(random.Random(3), [f"h{i}" for i in range(100)], 10, {"h0": 1e9})
    assert len(set(chosen)) == 10 and chosen[0] == "h0"


def test_the_package_data_is_small():
    size = sum(p.stat().st_size for p in case_generator.CASE_DIR.iterdir())
    assert size < 5_000_000
