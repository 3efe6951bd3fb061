"""How far the flip benchmark's judge is from a person reading the rewrites.

``benchmarks/human/yelp_flip_labels.tsv`` holds rewrites of 200 Yelp dev sentences, two draws
of 100 at random (seeded) from the Yelp benchmark's seed-0 sample of 1,000 (``sample_index`` is
the sentence's row in that sample), made by flip-sentiment (``--method ray``, the benchmark's
settings; ``made_by`` names the commit and the scratch variant of it), and one person's reading
of each: does it read as the target sentiment, and is it fluent with the meaning kept apart
from the sentiment. The readings came before looking at either classifier's verdict on that
rewrite, except for 12 of the 200 sentences (see ``benchmarks/README.md``). This script trains the benchmark's
judge (multinomial naive Bayes on 1-3-grams of the judge half, refit on every run) and loads
or trains the steering CNN exactly as ``flip_bench.py`` does (cached there), and prints how
often each agrees with the person.

    nice -n 5 .venv/bin/python benchmarks/flip_human_check.py
    nice -n 5 .venv/bin/python benchmarks/flip_human_check.py --current   # after a change to the flipper
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

import flip_bench

LABELS = Path(__file__).resolve().parent / "human" / "yelp_flip_labels.tsv"


COLUMNS = ["made_by", "draw", "sample_index", "target", "source", "rewrite", "reads_as_target", "fluent"]


def read_labels(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames != COLUMNS:
            sys.exit(f"{path}: the header must be {' '.join(COLUMNS)}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values() or {row["reads_as_target"], row["fluent"]} - {"0", "1"}:
            sys.exit(f"{path}:{line}: expected {len(COLUMNS)} tab-separated fields with 0/1 labels")
        row["rewrite_tokens"] = row["rewrite"].split()
        row["person"] = row["reads_as_target"] == "1"
        row["fluent"] = row["fluent"] == "1"
    return rows


def agreement_row(name: str, verdicts: list[bool], rows: list[dict]) -> str:
    person = [r["person"] for r in rows]
    n = len(rows)
    said_yes_person_no = sum(v and not p for v, p in zip(verdicts, person))
    said_no_person_yes = sum(p and not v for v, p in zip(verdicts, person))
    agree = sum(v == p for v, p in zip(verdicts, person))
    return (f"| {name} | {sum(verdicts) / n:.1%} | {agree / n:.1%} | {said_yes_person_no} | {said_no_person_yes} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--data", type=Path, default=flip_bench.ROOT.parent / "shared" / "data" / "yelp")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "nlpkit-bench" / "flip")
    parser.add_argument("--seed", type=int, default=0, help="the halves' seed (flip_bench.py's --seed)")
    parser.add_argument("--current", action="store_true",
                        help="also rewrite the labelled sentences with the code as it is now (the benchmark's "
                             "settings), give the person's reading of those rewrites, and write the ones nobody "
                             "has read yet to --unread, to be read and added to the labels")
    parser.add_argument("--unread", type=Path, default=Path("unread-rewrites.tsv"))
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"{args.data}: no Yelp folder here; pass --data with sentiment.train.0/1 in it")
    # the benchmark's tagger and lexicon (flip_bench.py sets the same default): without NLTK data the
    # flipper falls back to its table tagger and makes other rewrites than the benchmark scores
    os.environ.setdefault("NLTK_DATA", str(args.data.parent / "nltk_data"))

    import torch

    torch.set_num_threads(1)
    from nlpkit.flip.evaluate import Judge

    rows = read_labels(args.labels)
    steer_half, judge_half = flip_bench.halves(flip_bench.read_split(args.data, "train"), args.seed)
    judge = Judge().fit(judge_half)
    cnn = flip_bench.steering_cnn(steer_half, args.work, args.seed, 2, "yelp")

    distinct = list({(r["source"], r["rewrite"]): r for r in rows}.values())
    judge_says, cnn_says = verdicts(judge, cnn, distinct)
    print(f"{len(distinct)} distinct rewrites of {len({r['source'] for r in rows})} sentences\n")
    print("| reader | says flipped | agrees with the person | flipped, the person says not | "
          "not flipped, the person says it is |")
    print("|---|---:|---:|---:|---:|")
    print(agreement_row("judge (naive Bayes, 1-3-grams, judge half)", judge_says, distinct))
    print(agreement_row("steering CNN (steering half)", cnn_says, distinct))
    for name, fluent in (("fluent", True), ("broken", False)):
        part = [i for i, r in enumerate(distinct) if r["fluent"] == fluent]
        agree = sum(judge_says[i] == distinct[i]["person"] for i in part) / max(len(part), 1)
        print(f"\nthe judge agrees with the person on {agree:.1%} of the {len(part)} {name} rewrites", end="")
    print()

    print("\n| made by | draw | rewrites | the person: target | the person: target and fluent | judge: target |")
    print("|---|---:|---:|---:|---:|---:|")
    for version, draw in dict.fromkeys((r["made_by"], r["draw"]) for r in rows):
        part = [r for r in rows if (r["made_by"], r["draw"]) == (version, draw)]
        judged, _ = verdicts(judge, cnn, part)
        n = len(part)
        print(f"| {version} | {draw} | {n} | {sum(r['person'] for r in part) / n:.1%} | "
              f"{sum(r['person'] and r['fluent'] for r in part) / n:.1%} | {sum(judged) / n:.1%} |")
    if args.current:
        check_current_code(rows, steer_half, cnn, judge, args)


def check_current_code(rows: list[dict], steer_half, cnn, judge, args) -> None:
    """Rewrite every labelled sentence as the benchmark would now; score the read rewrites and
    write the unread ones (labels left empty) for the person to fill in."""
    import subprocess

    from nlpkit.flip import SentimentFlipper

    resources = flip_bench.flipper_resources(steer_half, args.work, args.seed, "yelp")
    flipper = SentimentFlipper.from_resources(resources, cnn, margin=0.3)
    read = {(r["source"], r["rewrite"]): r for r in rows}
    git = lambda *cmd: subprocess.run(["git", *cmd], capture_output=True, text=True,  # noqa: E731
                                      cwd=flip_bench.ROOT).stdout.strip()
    made_by = git("rev-parse", "--short", "HEAD") or "current"
    if git("status", "--porcelain", "nlpkit"):
        made_by += " dirty"            # name the change in this column before adding the rows
    sentences = list({(r["draw"], r["sample_index"]): r for r in rows}.values())
    known, unread = [], []
    for r in sentences:
        rewrite = " ".join(flipper.flip(r["source"].split(), r["target"]).rewrite_tokens)
        if (r["source"], rewrite) in read:
            known.append(read[(r["source"], rewrite)])
        else:
            unread.append([made_by, r["draw"], r["sample_index"], r["target"],
                           r["source"], rewrite, "", ""])
    if known:
        judged, _ = verdicts(judge, cnn, known)
        n = len(known)
        print(f"\nthe code as it is now: {n} of {len(sentences)} rewrites already read; the person reads "
              f"{sum(r['person'] for r in known) / n:.1%} as the target, "
              f"{sum(r['person'] and r['fluent'] for r in known) / n:.1%} as the target and fluent; "
              f"the judge {sum(judged) / n:.1%}")
    if unread:
        with open(args.unread, "w", encoding="utf-8") as f:
            f.write("\t".join(COLUMNS) + "\n" + "".join("\t".join(row) + "\n" for row in unread))
        print(f"{len(unread)} rewrites nobody has read yet: {args.unread} (fill in the last two columns, "
              f"then append the rows to {args.labels.name})")


def verdicts(judge, cnn, rows) -> tuple[list[bool], list[bool]]:
    """Whether the judge and the steering CNN read each rewrite as its target."""
    rewrites = [r["rewrite_tokens"] for r in rows]
    targets = [judge.label_for(r["target"]) for r in rows]
    judge_says = [p == t for p, t in zip(judge.predict(rewrites), targets)]
    cnn_proba = cnn.predict_proba(rewrites)
    cnn_says = [p[cnn.classes_.index(t)] >= 0.5 for p, t in zip(cnn_proba, targets)]
    return judge_says, cnn_says

if __name__ == "__main__":
    main()
