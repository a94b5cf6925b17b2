"""Generate the case dataset ``datasets/case/``: the two articles' facts and a synthetic roster.

``nodes.csv`` and ``links.csv`` hold first every fact of the two source articles (see
:mod:`lianjie.datasets.case_facts`), each with its file (出处) and a verbatim quote (原文),
then the synthetic roster where the articles are silent, every row of it marked
是否合成 = 是. Regenerating with the same seed gives the same files, byte for byte::

    python -m lianjie.datasets.case_generator --out datasets/case [--seed 20201208]

Scale and assumptions
---------------------
Full scale where the articles give totals, so that claimed against traced compares like
with like. About 21,000 nodes (20,900 households) and 51,000 links; loading takes a few seconds.

* Lingshan (:mod:`lianjie.datasets.roster_lingshan`): 18,182 registered-poor households of
  82,718 people in 121 poor villages (120 synthetic) and the named villages, 19 towns.
* Baojing (:mod:`lianjie.datasets.roster_baojing`): 林茵茶业's 7 villages with exactly
  1,435 households of 5,022 people, and 湘西韵莱's 1,046 households.
* Every ledger total the articles give is met exactly or within its bound (多/余: at
  least the figure and below the next round number; 约: the figure itself); where an
  article gives only a sales total of all producers, the poor households' ledgers stay
  below it.
* Households are not named: names would be pseudonymised at load time anyway.
* Households reached by some programme are reached on purpose partly, so that the audit
  finds uncovered and single-channel households and gaps between claimed and traced.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from ..ontology import Ontology, load_ontology
from .case_facts import Facts, all_facts
from .roster import Roster
from .roster_baojing import baojing_roster
from .roster_lingshan import lingshan_roster

SEED = 20201208
CASE_DIR = Path(__file__).with_name("case")
NODE_COLUMNS = [
    "id",
    "type",
    "name",
    "poor",
    "status",
    "size",
    "cause",
    "exit_year",
    "village",
    "poor_village",
    "claimed_households",
    "claimed_people",
    "kind",
    "measure",
    "value",
    "unit",
    "bound",
    "start_date",
    "end_date",
    "synthetic",
    "evidence",
    "source_doc",
    "quote",
    "note",
]
LINK_COLUMNS = [
    "source",
    "target",
    "type",
    "mechanism",
    "amount",
    "quantity",
    "unit",
    "unit_amount",
    "rate",
    "start_date",
    "end_date",
    "synthetic",
    "evidence",
    "source_doc",
    "quote",
    "note",
]
FACT_EVIDENCE = "self_declared"


def _fact_rows(facts: Facts) -> tuple[list[dict], list[dict]]:
    provenance = {"evidence": FACT_EVIDENCE, "source_doc": facts.doc}
    nodes = [
        {"id": n.id, "type": n.type, "name": n.name, **n.props, **provenance, "quote": n.quote} for n in facts.nodes
    ]
    links = [
        {"source": k.source, "target": k.target, "type": k.type, **k.props, **provenance, "quote": k.quote}
        for k in facts.links
    ]
    for f in facts.figures:
        nodes.append(
            {
                "id": f.id,
                "type": "Figure",
                "name": f.name,
                "measure": f.measure,
                "value": f.value,
                "unit": f.unit,
                "bound": f.bound,
                "start_date": f.start,
                "end_date": f.end,
                **provenance,
                "quote": f.quote,
                "note": f.note,
            }
        )
        links += [
            {"source": f.id, "target": about, "type": "DESCRIBES", **provenance, "quote": f.quote} for about in f.about
        ]
    return nodes, links


def generate(seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """Node and link rows of the case dataset, in the ontology's names and codes."""
    nodes: list[dict] = []
    links: list[dict] = []
    for facts in all_facts():
        more_nodes, more_links = _fact_rows(facts)
        nodes += more_nodes
        links += more_links
    roster = Roster(random.Random(seed))
    lingshan_roster(roster)
    baojing_roster(roster)
    return nodes + roster.nodes, links + roster.links


def _cell(onto: Ontology, column: str, value: object) -> str:
    """A value as the case dataset writes it: Chinese labels for types and codes, 是/否, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if column == "type":
        known = onto.classes.get(value) or onto.link_types.get(value)
        return known.label_zh
    prop = onto.properties.get(column)
    if prop is not None and prop.codelist:
        concept = next(c for c in onto.codelists[prop.codelist].concepts if c.code == value)
        return concept.label_zh
    return str(value)


def _header(onto: Ontology, column: str, links: bool) -> str:
    if column == "type":
        return next(p.label_zh for p in onto.properties.values() if p.role == ("link_type" if links else "node_type"))
    return next(p.label_zh for p in onto.properties.values() if p.column == column or p.name == column)


def write_csv(path: Path, rows: list[dict], columns: list[str], onto: Ontology, links: bool) -> None:
    """Write rows with the ontology's Chinese headers; the csv module quotes cells holding commas."""
    unknown = {k for row in rows for k in row} - set(columns)
    if unknown:
        raise ValueError(f"columns not written: {sorted(unknown)}")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([_header(onto, c, links) for c in columns])
        writer.writerows([_cell(onto, c, row.get(c)) for c in columns] for row in rows)


def write(folder: str | Path = CASE_DIR, seed: int = SEED) -> tuple[Path, Path]:
    """Generate the case dataset into ``folder`` as ``nodes.csv`` and ``links.csv``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    onto = load_ontology()
    nodes, links = generate(seed)
    write_csv(folder / "nodes.csv", nodes, NODE_COLUMNS, onto, links=False)
    write_csv(folder / "links.csv", links, LINK_COLUMNS, onto, links=True)
    return folder / "nodes.csv", folder / "links.csv"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(CASE_DIR), help="the folder to write nodes.csv and links.csv into")
    parser.add_argument("--seed", type=int, default=SEED, help="the random seed of the synthetic roster")
    args = parser.parse_args(argv)
    for path in write(args.out, args.seed):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
