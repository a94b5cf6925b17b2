"""The passages of the two source articles that the case dataset quotes, shipped as ``case/article_excerpts.json``.

The articles themselves are not redistributed; every verbatim quote (原文) of the case
dataset is, with where it sits in its article and the article's SHA-256, so the quote
checks run on a plain clone. Quotes that overlap or touch are merged into one passage.
Rebuild after the facts change, from the folder holding the articles::

    python -m lianjie.datasets.excerpts ../shared/seeds
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from pathlib import Path

CASE_DIR = Path(__file__).resolve().parent / "case"
EXCERPTS = CASE_DIR / "article_excerpts.json"
#: What stands between two passages in :func:`excerpt_text`: no quote spans it.
GAP = "\n[…]\n"


def quotes() -> dict[str, set[str]]:
    """Every verbatim quote of the shipped case dataset, by the article it is from."""
    out: dict[str, set[str]] = {}
    for name in ("nodes.csv", "links.csv"):
        with open(CASE_DIR / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("原文") and row.get("出处"):
                    out.setdefault(row["出处"], set()).add(row["原文"])
    return out


def build(seeds: Path) -> dict:
    """The excerpts of each article the case dataset quotes, with offsets and the article's digest."""
    articles = {}
    for name, texts in sorted(quotes().items()):
        article = (seeds / name).read_text(encoding="utf-8")
        spans = []
        for text in texts:
            at = article.find(text)
            if at < 0:
                raise ValueError(f"{name}: a quote is not in the article: {text[:40]!r}")
            spans.append((at, at + len(text)))
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        articles[name] = {
            "sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
            "length": len(article),
            "excerpts": [{"offset": a, "text": article[a:b]} for a, b in merged],
        }
    return {
        "about": "Passages of the source articles quoted by the case dataset (see datasets/excerpts.py)",
        "articles": articles,
    }


def load_excerpts() -> dict:
    """The shipped excerpts file."""
    return json.loads(EXCERPTS.read_text(encoding="utf-8"))


def excerpt_text() -> dict[str, str]:
    """Each article's passages joined by :data:`GAP`: every quote of the case dataset is in it verbatim."""
    return {name: GAP.join(e["text"] for e in entry["excerpts"]) for name, entry in load_excerpts()["articles"].items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path, help="the folder holding the two articles")
    args = parser.parse_args(argv)
    EXCERPTS.write_text(json.dumps(build(args.seeds), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {EXCERPTS}")


if __name__ == "__main__":
    main()
