"""Generate big paper lists in the shipped format, from the shipped list's own papers.

Deterministic: the same size and seed give the same bytes. Each generated paper
reuses a shipped title and abstract with variations (sentence order, a title
prefix or suffix), and gets a unique link. Some papers are ticked ([x]), some
carry extra fields (Authors, Code), some hold TeX math, a few hold CJK text.

Mixed content (the default) gives abstracts the Markdown real abstracts carry, each
kind drawn on its own, so about half the abstracts hold some markup: inline math
(25%), a bare code URL (15%), emphasis or bold (10%), inline code (6%), a Markdown
link (5%), a list of contributions (5%), display math (3%). `mixed=False` gives the
plain lists of the first benchmark round (only the TeX one-liners above).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "icml2024_papers.md"

ENTRY = re.compile(
    r"^## \d+\. (?P<title>.+?)\n.*?<summary>.*?</summary>\n(?P<abstract>.*?)</details>",
    re.MULTILINE | re.DOTALL,
)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

PREFIXES = ["", "", "", "Revisiting ", "Towards ", "On ", "Scaling ", "Rethinking "]
SUFFIXES = [
    "",
    "",
    "",
    ": A Closer Look",
    " at Scale",
    " Without Labels",
    " for Robotics",
    " in the Wild",
]
VENUES = [("ICML", "2024"), ("NeurIPS", "2023"), ("ICLR", "2024"), ("CVPR", "2024")]
FIRST = ["Wei", "Anna", "Hiro", "Lena", "Omar", "Priya", "Jun", "Marta", "Tom", "Sofia"]
LAST = ["Zhang", "Müller", "Sato", "Kowalski", "Haddad", "Rao", "Li", "García", "Smith", "Rossi"]
MATH = [
    " We prove a bound of $O(n \\log n)$ with $\\epsilon \\leq 10^{-3}$.",
    " The loss is $\\mathcal{L} = \\sum_i \\|x_i - \\hat{x}_i\\|^2$.",
    " It runs Mixtral-8$\\times$7B at $\\geq$ 2$\\times$ the speed.",
]
# Markup that real abstracts carry, added by _mix (each drawn on its own).
INLINE_MATH = [
    " Our bound is $\\mathcal{O}(\\sqrt{T \\log K})$ for $K$ arms and horizon $T$.",
    " With $\\alpha = 0.5$ and $\\beta \\in [0, 1]$ the method recovers $f(x) = x^2 + \\epsilon$.",
    " It reaches $87.3\\%$ top-1 accuracy with $2\\times$ fewer FLOPs than $\\text{ViT-B}/16$.",
    " We minimise $\\mathbb{E}_{x \\sim p}[\\log q_\\theta(x)]$ over $\\theta \\in \\Theta$.",
]
DISPLAY_MATH = [
    "\n\n$$\\mathcal{L}(\\theta) = -\\sum_{i=1}^{N} \\log p_\\theta(y_i \\mid x_i)$$\n\n"
    "Experiments confirm the analysis.",
    "\n\n$$\\hat{y} = \\arg\\max_{k} \\frac{\\exp(z_k / \\tau)}{\\sum_j \\exp(z_j / \\tau)}$$\n\n"
    "The temperature is learned.",
]
EMPHASIS = ["*without*", "**state-of-the-art**", "*zero-shot*", "**open-vocabulary**", "_not_"]
CODE = [
    " Install it with `pip install vlm-bench`.",
    " The `--fast` mode skips the `encode()` step.",
    " Our `CLIPAdapter` class wraps any `nn.Module`.",
]
CJK_TITLE = "视觉语言模型的高效对齐"
CJK_SENTENCE = " 我们提出了一种简单而有效的方法，在多个基准上取得了领先的结果。"


def shipped_papers(path: Path = SHIPPED) -> list[tuple[str, str]]:
    """Read (title, abstract) pairs out of the shipped list."""
    text = path.read_text(encoding="utf-8")
    papers = []
    for m in ENTRY.finditer(text):
        papers.append((m.group("title").strip(), m.group("abstract").strip()))
    if not papers:
        raise SystemExit(f"no papers found in {path}")
    return papers


def _vary_abstract(abstract: str, rng: random.Random) -> str:
    """Rotate the sentences of each paragraph, so abstracts differ but read the same."""
    out = []
    for para in abstract.split("\n\n"):
        sentences = SENTENCE.split(para)
        if len(sentences) > 2:
            k = rng.randrange(len(sentences))
            sentences = sentences[k:] + sentences[:k]
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def _emphasise(abstract: str, rng: random.Random) -> str:
    """Put emphasis or bold on a word of the first paragraph."""
    words = abstract.split(" ", 12)
    if len(words) > 10:
        words[rng.randrange(3, 10)] = rng.choice(EMPHASIS)
    return " ".join(words)


def _contributions(abstract: str, rng: random.Random) -> str:
    """Turn the last sentences into a list of contributions, as some abstracts write them."""
    sentences = SENTENCE.split(abstract.split("\n\n")[-1])
    if len(sentences) < 4:
        return abstract
    head = abstract[: abstract.rfind(sentences[-3])].rstrip()
    mark = rng.choice(["-", "*", "1."])
    items = [f"{mark} {s}" for s in sentences[-3:]]
    return head + "\n\nOur contributions:\n\n" + "\n".join(items)


def _mix(abstract: str, i: int, rng: random.Random) -> str:
    """Add the Markdown real abstracts carry: math, links, emphasis, code, lists."""
    if rng.random() < 0.10:
        abstract = _emphasise(abstract, rng)
    if rng.random() < 0.05:
        abstract = _contributions(abstract, rng)
    if rng.random() < 0.25:
        abstract += rng.choice(INLINE_MATH)
    if rng.random() < 0.06:
        abstract += rng.choice(CODE)
    if rng.random() < 0.05:
        abstract += f" See [the project page](https://bench.example.org/p/{i}) for videos."
    if rng.random() < 0.15:
        abstract += f" Code is available at https://github.com/bench/paper-{i}."
    if rng.random() < 0.03:
        abstract += rng.choice(DISPLAY_MATH)
    return abstract


def generate(n: int, seed: int = 20240, mixed: bool = True) -> str:
    """Give the Markdown text of a list of n papers (mixed: with the Markdown of _mix)."""
    base = shipped_papers()
    rng = random.Random(seed + n)
    lines = [
        f"# Benchmark list: {n} papers",
        "",
        "> Generated by bench/gen.py from the shipped ICML 2024 list.",
        "",
    ]
    for i in range(n):
        title, abstract = base[i % len(base)]
        if i >= len(base):
            title = rng.choice(PREFIXES) + title + rng.choice(SUFFIXES)
            abstract = _vary_abstract(abstract, rng)
        if i % 97 == 13:
            title = f"{CJK_TITLE}: {title}"
            abstract += CJK_SENTENCE
        if i % 20 == 7:
            abstract += rng.choice(MATH)
        if mixed:
            abstract = _mix(abstract, i, rng)
        venue, year = VENUES[i % len(VENUES)] if i % 5 == 0 else VENUES[0]
        link = f"https://example.org/{venue.lower()}/{year}/poster/{100000 + i}"
        mark = "x" if i % 17 == 3 else " "
        lines += [
            f"## {i + 1}. {title}",
            "",
            f"- [{mark}] {title} | {link}",
            "",
            f"- **Link**: {link}",
            "",
            f"- **Conference**: {venue}",
            "",
            f"- **Year**: {year}",
            "",
        ]
        if i % 3 == 1:
            authors = ", ".join(
                f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 6))
            )
            lines += [f"- **Authors**: {authors}", ""]
        if i % 5 == 2:
            lines += [f"- **Code**: https://github.com/bench/paper-{i}", ""]
        lines += [
            "<details>",
            "<summary><strong>Abstract</strong></summary>",
            "",
            abstract,
            "",
            "</details>",
            "",
            "---",
            "",
        ]
    return "\n".join(lines)


def write_list(n: int, folder: Path, seed: int = 20240, mixed: bool = True) -> Path:
    """Write the list of n papers into folder (reused when already there); give its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"papers-{n}{'' if mixed else '-plain'}.md"
    text = generate(n, seed, mixed)
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path
