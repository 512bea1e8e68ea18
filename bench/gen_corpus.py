#!/usr/bin/env python3
"""Generate a deterministic corpus of health articles for benchmarking medlint.

usage: gen_corpus.py OUT_DIR ARTICLES MEGABYTES [--seed N]

Articles are varied Markdown: front matter, headings, paragraphs mixing neutral, hedged,
negated and unhedged claim sentences, lists, tables, code blocks, links between articles (some
broken, some to missing anchors), testimonials, and a disclaimer in most of them. The same
arguments always give the same bytes.
"""
import argparse, os, random

CONDITIONS = ["back pain", "knee osteoarthritis", "annular tears", "sciatica", "neck pain",
              "rotator cuff tears", "plantar fasciitis", "tennis elbow", "degenerative disc disease",
              "hip bursitis", "migraine", "carpal tunnel syndrome", "spinal stenosis", "arthritis"]
TREATMENTS = ["PRP", "fibrin injection", "stem cell therapy", "physical therapy", "this procedure",
              "prolotherapy", "our treatment", "epidural steroid injection", "massage", "acupuncture",
              "spinal decompression", "exercise therapy", "the injection", "radiofrequency ablation"]
PARTS = ["the disc", "the tendon", "the joint", "the ligament", "the annulus", "the cartilage",
         "the nerve root", "the facet joint", "the muscle", "the spinal canal"]
OUTCOMES = ["relieves pain", "repairs damaged tissue", "seals the tear", "reduces inflammation",
            "restores function", "heals the injury", "improves mobility", "rebuilds cartilage"]
HEDGED = ["may help reduce pain in some patients", "can help some people move more easily",
          "is designed to support the body's own repair", "might improve function for selected patients",
          "appears to ease symptoms in some studies", "may be worth discussing with your doctor"]
NEUTRAL = [
    "{part} is made of layers of collagen that bear load every day.",
    "Symptoms of {cond} often change with posture, activity and sleep.",
    "A careful history and examination come before any imaging.",
    "Many people with {cond} improve over several months with conservative care.",
    "Imaging findings do not always match the pain a person feels.",
    "Staying active within comfortable limits is usually encouraged.",
    "Your clinician will ask what makes the pain better or worse.",
    "Weight, smoking and general fitness all influence recovery from {cond}.",
    "Some patients notice stiffness in the morning that eases as they move.",
    "Referral to a specialist is considered when symptoms persist or worsen.",
    "The evaluation of {cond} includes a review of medications and previous treatments.",
    "Sleep quality and stress can both change how pain is experienced.",
]
NEGATED = [
    "There is no cure for {cond}, but symptoms can often be managed.",
    "{treat} does not cure {cond}, and no specific outcome is guaranteed.",
    "No treatment is risk-free, and results vary from person to person.",
    "Claims that {treat} cures {cond} are not supported by good evidence.",
    "Can {treat} cure {cond}? The honest answer is that nobody can promise that.",
]
UNHEDGED = [
    "{treat} {outcome} and gets patients back to work quickly.",
    "Our {treat} permanently fixes {cond}.",
    "{treat} is 100% safe and works for everyone.",
    "Studies show that {treat} {outcome}.",
    "{treat} is the best treatment for {cond}, with a 95% success rate.",
    "\u201cAfter one session my pain was gone,\u201d says a patient.",
]
DISCLAIMER = ("Disclaimer: this article is for general information only and is not medical advice. "
              "Consult a qualified healthcare provider about your own situation. Individual results vary, "
              "and no specific outcome is guaranteed.")
TOPICS = ["spine", "knee", "shoulder", "hip", "hand", "foot", "neck", "sports", "pain", "recovery"]


def slugify(s):
    return "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-").replace("--", "-")


def sentence(rng, kind):
    cond, treat = rng.choice(CONDITIONS), rng.choice(TREATMENTS)
    fill = dict(cond=cond, treat=treat, part=rng.choice(PARTS).capitalize(),
                outcome=rng.choice(OUTCOMES))
    if kind == "hedged":
        s = f"{treat[0].upper() + treat[1:]} {rng.choice(HEDGED)}."
    else:
        s = rng.choice({"neutral": NEUTRAL, "negated": NEGATED, "unhedged": UNHEDGED}[kind]).format(**fill)
    return s[0].upper() + s[1:]


def paragraph(rng, sentences):
    kinds = rng.choices(["neutral", "hedged", "negated", "unhedged"], [70, 18, 8, 4], k=sentences)
    return " ".join(sentence(rng, k) for k in kinds)


def article(rng, i, paths, target):
    title = f"{rng.choice(CONDITIONS).title()}: {rng.choice(['What to Know', 'Options', 'A Guide', 'Recovery', 'Causes and Care'])} {i}"
    out = [f"---\ntitle: \"{title}\"\ndate: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\ntags: [{rng.choice(TOPICS)}, {rng.choice(TOPICS)}]\n---\n",
           f"# {title}\n", paragraph(rng, rng.randint(3, 6)) + "\n"]
    headings = []
    while sum(len(p) for p in out) < target:
        h = rng.choice(["Overview", "Causes", "Symptoms", "Diagnosis", "Treatment options",
                        "Recovery", "Expert take", "When to see a doctor", "Risks and side effects"])
        headings.append(h)
        out.append(f"## {h}\n")
        roll = rng.random()
        if roll < 0.25:
            out.append("\n".join(f"- {sentence(rng, rng.choice(['neutral', 'hedged', 'neutral', 'unhedged']))}"
                                 for _ in range(rng.randint(3, 6))) + "\n")
        elif roll < 0.32:
            out.append("| Option | Typical recovery | Notes |\n|---|---|---|\n" + "\n".join(
                f"| {rng.choice(TREATMENTS)} | {rng.randint(1, 12)} weeks | {sentence(rng, 'neutral')} |"
                for _ in range(rng.randint(2, 4))) + "\n")
        elif roll < 0.36:
            out.append("```text\nPRP cures everything. 100% guaranteed.\n```\n")
        else:
            para = paragraph(rng, rng.randint(3, 8))
            if rng.random() < 0.5 and paths:
                other = rng.choice(paths)
                if rng.random() < 0.05:
                    other = other.replace(".md", "-retired.md")
                anchor = ""
                if rng.random() < 0.3:
                    anchor = "#" + rng.choice(["overview", "treatment-options", "recovery", "risks-and-side-effects", "missing-section"])
                para += f" Read [our related guide](/{other}{anchor}) for more."
            out.append(para + "\n")
    if rng.random() < 0.9:
        out.append(DISCLAIMER + "\n")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("articles", type=int)
    ap.add_argument("megabytes", type=float)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    per_article = int(a.megabytes * 1024 * 1024 / a.articles)
    paths = [f"blog/{TOPICS[i % len(TOPICS)]}/article-{i:05d}.md" for i in range(a.articles)]
    total = 0
    for i, rel in enumerate(paths):
        target = max(800, int(per_article * rng.uniform(0.6, 1.4)))
        text = article(rng, i, paths, target)
        path = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
    print(f"{a.articles} articles, {total / 1024 / 1024:.1f} MiB in {a.out}")


if __name__ == "__main__":
    main()
