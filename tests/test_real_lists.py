"""Real lists from public repositories: papers found against papers counted by hand.

tests/fixtures/real/EXPECTED.md names each list's source and its count, made by hand
before any reader ran. Every list must give at least 95% of its papers and no more than
it holds (a non-paper counted would push it over); a few papers of each are checked
field by field against the raw file.
"""

from __future__ import annotations

import re

import pytest

from generator.cli import main
from generator.readers import read_bytes, read_text

from .conftest import FIXTURES

REAL = FIXTURES / "real"
ROW = re.compile(r"^\| `([^`]+)` \|.*\| (\d+) \|[^|]*\|$")
EXPECTED = {
    m.group(1): int(m.group(2))
    for m in map(ROW.match, (REAL / "EXPECTED.md").read_text(encoding="utf-8").splitlines())
    if m
}

# (file, line, title, link, venue, year, last section), read off the raw files by eye.
SAMPLES = [
    ("icml2023_headings.md", 701, "Learning to Initiate and Reason in Event-Driven Cascading "
     "Processes", "https://proceedings.mlr.press/v202/atzmon23a.html", "icml", "2023", ""),
    ("cvpr2024_authors.md", 99, "LangSplat: 3D Language Gaussian Splatting",
     "https://cvpr.thecvf.com/virtual/2024/poster/30934", "", "", ""),
    ("3dgs_cvpr2024_emoji.md", 202, "HiFi4G: High-Fidelity Human Performance Rendering via "
     "Compact Gaussian Splatting", "https://arxiv.org/abs/2312.03461", "", "", ""),
    ("3dgs_mrnerf.md", 377, "Human Gaussian Splatting: Real-time Rendering of Animatable "
     "Avatars", "https://arxiv.org/pdf/2311.17113.pdf", "", "", "3D Gaussian Splatting Avatars"),
    ("vl_pretraining.md", 103, "12-in-1: Multi-Task Vision and Language Representation "
     "Learning", "https://arxiv.org/abs/1912.02315", "CVPR", "2020", "Other Analysis"),
    ("gaussian_slam.md", 72, "NeRF: Representing Scenes as Neural Radiance Fields for View "
     "Synthesis", "https://arxiv.org/abs/2003.08934.pdf", "ECCV", "2020", "Nerf"),
    ("efficient_diffusion.md", 65, "Latent 3D Graph Diffusion",
     "https://openreview.net/pdf?id=cXbnGtO0NZ", "ICLR", "2024", "Latent Diffusion"),
    ("cvpr2024_with_code.md", 464, "Stronger, Fewer, & Superior: Harnessing Vision Foundation "
     "Models for Domain Generalized Semantic Segmentation", "https://arxiv.org/abs/2312.04265",
     "", "", "语义分割(Semantic Segmentation)"),
    ("vlm_survey.md", 336, "Nemesis: Normalizing the soft-prompt vectors of vision-language "
     "models", "https://openreview.net/pdf?id=zmJDzPh1Dm", "ICLR", "2024",
     "Transfer with Text Prompt Tuning"),
    ("mllm_tables.md", 250, "Vary: Scaling up the Vision Vocabulary for Large Vision-Language "
     "Models", "https://arxiv.org/pdf/2312.06109.pdf", "ECCV", "2023",
     "Multimodal Instruction Tuning (& Latest Works)"),
    ("rss2010.json", 456, "Multi-Priority Cartesian Impedance Control",
     "https://www.roboticsproceedings.org/rss06/p19.html", "", "", ""),
    ("iclr2014.json", 1226, "k-Sparse Autoencoders",
     "https://openreview.net/forum?id=QDm4QXNOsuQVE", "", "", ""),
    ("automl23.bib", 112, "AutoRL Hyperparameter Landscapes",
     "https://openreview.net/forum?id=Ec09TcV_HKq", "", "", ""),
    ("my_references.bib", 624, "Biofilm generation by Piscirickettsia salmonis under growth "
     "stress conditions: a putative in vivo survival/persistence strategy in marine "
     "environments.", "https://doi.org/10.1016/j.resmic.2012.08.002", "Res. Microbiol.",
     "2012", ""),
    ("aistats2022.tsv", 248, "Harmless interpolation in regression and classification with "
     "structured features", "", "", "", ""),
    ("roadmap_checklist.md", 248, "ResNet: Deep Residual Learning for Image Recognition",
     "https://arxiv.org/abs/1512.03385", "", "2015", "2015"),
    ("acl2020_til.md", 68, "(Re)construing Meaning in NLP",
     "https://virtual.acl2020.org/paper_main.462.html", "", "", "7th July"),
    ("iclr2020_viewing.md", 52, "FOOLING DETECTION ALONE IS NOT ENOUGH: ADVERSARIAL ATTACK "
     "AGAINST MULTIPLE OBJECT TRACKING", "https://iclr.cc/virtual_2020/poster_rJl31TNYPr.html",
     "", "", "List"),
    ("siggraph2024.json", 2, "2D Gaussian Splatting for Geometrically Accurate Radiance "
     "Fields", "https://doi.org/10.1145/3641519.3657428", "", "", ""),
    ("vlm_hallucination_ticks.md", 28, "Hallucination-targeted DPO",
     "https://arxiv.org/abs/2411.10436", "ACL finding", "2025", ""),
]  # fmt: skip


def read_real(name: str):
    return read_bytes((REAL / name).read_bytes(), name)


def test_at_least_twelve_real_lists_of_every_shape():
    assert len(EXPECTED) >= 12
    endings = {name.rsplit(".", 1)[1] for name in EXPECTED}
    assert endings == {"md", "json", "bib", "csv", "tsv"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_list_gives_its_papers_and_nothing_else(name):
    papers = read_real(name).papers
    expected = EXPECTED[name]
    print(f"{name}: expected {expected}, found {len(papers)} ({len(papers) / expected:.1%})")
    assert len(papers) >= 0.95 * expected
    assert len(papers) <= expected
    assert all(p.title and "](" not in p.title and "**" not in p.title for p in papers)
    assert all(not p.link or p.link.startswith(("http://", "https://")) for p in papers)


@pytest.mark.parametrize(("name", "line", "title", "link", "venue", "year", "section"), SAMPLES)
def test_real_list_papers_read_right(name, line, title, link, venue, year, section):
    paper = next(p for p in read_real(name).papers if p.line == line)
    assert (paper.title, paper.link, paper.venue, paper.year) == (title, link, venue, year)
    assert (paper.section[-1] if paper.section else "") == section


def test_a_real_awesome_list_keeps_authors_code_and_the_ticked_mark():
    slam = {p.line: p for p in read_real("gaussian_slam.md").papers}
    assert dict(slam[72].fields) == {
        "Authors": "Mildenhall et al.",
        "Project": "https://www.matthewtancik.com/nerf",
        "Code": "https://github.com/bmild/nerf",
    }
    ticks = read_real("vlm_hallucination_ticks.md").papers
    assert all(p.ticked for p in ticks)
    assert ticks[0].abstract.startswith("- motivation:")


def test_a_real_json_list_with_no_site_key_links_every_paper():
    papers = read_real("siggraph2024.json").papers
    assert all(p.link.startswith("https://") for p in papers)
    programme = [p for p in papers if "conference-program.org" in p.link]
    assert [p.title for p in programme] == [
        "A Hierarchical 3D Gaussian Representation for Real-time Rendering of Very Large Scenes",
        "ColorVideoVDP: A Visual Difference Predictor for Image, Video, and Display Distortions",
    ]


def test_a_real_list_repeating_a_paper_warns_with_both_lines():
    warnings = [str(w) for w in read_real("efficient_diffusion.md").warnings]
    assert warnings[:2] == [
        "efficient_diffusion.md:141: the paper of line 103 again, its title at character 11: "
        "'Denoising Diffusion Implicit M...' vs 'Denoising diffusion implicit m...'; kept once",
        "efficient_diffusion.md:147: the paper of line 117 again ('Accelerating Parallel "
        "Sampling of Diffusion Models'); kept once",
    ]


def test_a_real_list_linking_two_titles_to_one_paper_keeps_both_and_says_so():
    parsed = read_real("3dgs_mrnerf.md")
    titles = {p.title for p in parsed.papers}
    second = "Approximate Differentiable Rendering with Algebraic Surfaces"
    assert {"Text-to-3D using Gaussian Splatting", second} <= titles
    assert (
        dict(next(p for p in parsed.papers if p.title == second).fields)[
            "Same link as another paper"
        ]
        == "https://arxiv.org/pdf/2309.16585.pdf"
    )
    said = "3dgs_mrnerf.md:565: the same link as the paper on line 199 under another title"
    assert any(str(w).startswith(said) for w in parsed.warnings)
    assert len({p.id for p in parsed.papers}) == len(parsed.papers)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_converting_a_real_list_twice_gives_the_same_bytes(project, name):
    (project / name).write_bytes((REAL / name).read_bytes())
    assert main(["convert", name, "-o", "once.md"]) == 0
    assert main(["convert", "once.md", "-o", "twice.md"]) == 0
    once = (project / "once.md").read_bytes()
    assert once == (project / "twice.md").read_bytes()
    before = read_real(name).papers
    after = read_text(once.decode("utf-8"), "once.md").papers
    assert [(p.id, p.title, p.link, p.section) for p in after] == [
        (p.id, p.title, p.link, p.section) for p in before
    ]
