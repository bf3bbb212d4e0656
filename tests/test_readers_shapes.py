"""Each shape of list, small: what a user writes, and the papers they get."""

from __future__ import annotations

import json

import pytest

from generator.errors import ListError
from generator.export import export_list
from generator.readers import read_bytes, read_text
from generator.readers.model import Paper, PaperList


def one(text: str, source: str = "l.md", fmt: str | None = None) -> Paper:
    (paper,) = read_text(text, source, fmt).papers
    return paper


# --- a heading per paper ----------------------------------------------------------------


def test_heading_with_bold_field_paragraphs_and_an_abstract_paragraph():
    paper = one(
        "## [0] Data Structures for Density Estimation\n\n"
        "**Authors**: *Anders Aamand, Alexandr Andoni*\n\n**Conference**: *icml 2023*\n\n"
        "**URL**: [https://proceedings.mlr.press/v202/a.html](https://proceedings.mlr.press/v202/a.html)"
        "\n\n**Abstract**:\n\nWe study $v_1, \\ldots, v_k$ over a domain.\n\nSecond part.\n\n----\n"
    )
    assert (paper.title, paper.link) == (
        "Data Structures for Density Estimation",
        "https://proceedings.mlr.press/v202/a.html",
    )
    assert (paper.venue, paper.year) == ("icml", "2023")
    assert paper.fields == (("Authors", "Anders Aamand, Alexandr Andoni"),)
    assert paper.abstract == "We study $v_1, \\ldots, v_k$ over a domain.\n\nSecond part."


def test_heading_with_emoji_field_names_and_full_width_colons():
    paper = one(
        "#### [1] Deformable 3D Gaussians\n"
        "- **🧑‍🔬 作者**：Ziyi Yang, Xinyu Gao\n"
        "- **🔗 链接**：[[中英摘要](../abs/2309.13101.md)] "
        "[[arXiv:2309.13101](https://arxiv.org/abs/2309.13101)] "
        "[[Code](https://github.com/ingra14m/x)]\n"
        "- **📝 说明**：🏆 Accepted to CVPR 2024\n"
    )
    assert (paper.title, paper.link) == (
        "Deformable 3D Gaussians",
        "https://arxiv.org/abs/2309.13101",
    )
    assert paper.fields == (
        ("Authors", "Ziyi Yang, Xinyu Gao"),
        ("说明", "🏆 Accepted to CVPR 2024"),
        ("Code", "https://github.com/ingra14m/x"),
    )


def test_heading_with_an_author_line_and_a_double_bracket_link_line():
    paper = one(
        "### 3. VTimeLLM: Empower LLM to Grasp Video Moments\n"
        "Bin Huang · Xin Wang · Hong Chen\n\n"
        "[[CVPR Official Link]](https://cvpr.thecvf.com/virtual/2024/poster/31139)\n"
    )
    assert paper.title == "VTimeLLM: Empower LLM to Grasp Video Moments"
    assert paper.link == "https://cvpr.thecvf.com/virtual/2024/poster/31139"
    assert paper.fields == (("Authors", "Bin Huang · Xin Wang · Hong Chen"),)


def test_heading_with_details_abstract_and_emoji_link_line():
    paper = one(
        "## Dynamic\n### 1. Dynamic 3D Gaussians\n**Authors**: Jonathon Luiten\n"
        "<details open>\n<summary><b>Abstract</b></summary>\nWe present a method.\n</details>\n\n"
        "  [📄 Paper](https://a.org/paper.pdf) | [🌐 Project Page](https://a.github.io/) | "
        "[💻 Code](https://github.com/a/b) | [🎥 Video](https://youtu.be/x)\n"
    )
    assert (paper.link, paper.abstract, paper.section) == (
        "https://a.org/paper.pdf",
        "We present a method.",
        ("Dynamic",),
    )
    assert [name for name, _ in paper.fields] == ["Authors", "Project", "Code", "Video"]


def test_headings_without_fields_are_sections_outer_to_inner():
    papers = read_text(
        "# List\n## Vision\n### Detection\n- [A](https://arxiv.org/abs/1), CVPR 2024\n"
        "### Segmentation\n- [B](https://arxiv.org/abs/2), ICCV 2023\n## Language\n"
        "- [C](https://arxiv.org/abs/3), ACL 2024\n",
        "l.md",
    ).papers
    assert [(p.title, p.section) for p in papers] == [
        ("A", ("Vision", "Detection")),
        ("B", ("Vision", "Segmentation")),
        ("C", ("Language",)),
    ]


# --- awesome-list entries ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "link", "venue", "year", "fields"),
    [
        (
            "[ViLBERT: Pretraining](https://arxiv.org/abs/1908.02265), NeurIPS 2019 "
            "[[code]](https://github.com/jiasenlu/vilbert_beta)",
            "ViLBERT: Pretraining",
            "https://arxiv.org/abs/1908.02265",
            "NeurIPS",
            "2019",
            (("Code", "https://github.com/jiasenlu/vilbert_beta"),),
        ),
        (
            "- [Title](https://a.org/t) - Alice Smith, Bob Jones, CVPR 2024",
            "Title",
            "https://a.org/t",
            "CVPR",
            "2024",
            (("Authors", "Alice Smith, Bob Jones"),),
        ),
        (
            "- **[CVPR 2024]** MobileCLIP: Fast Image-Text Models "
            "[[paper](https://arxiv.org/abs/2311.17049)] "
            "[[code](https://github.com/apple/ml-mobileclip)]",
            "MobileCLIP: Fast Image-Text Models",
            "https://arxiv.org/abs/2311.17049",
            "CVPR",
            "2024",
            (("Code", "https://github.com/apple/ml-mobileclip"),),
        ),
        (
            "- **VCR**: [Fusion of Detected Objects](https://arxiv.org/abs/1908.05054), EMNLP 2019",
            "Fusion of Detected Objects",
            "https://arxiv.org/abs/1908.05054",
            "EMNLP",
            "2019",
            (("Topic", "VCR"),),
        ),
        (
            "- **[ICLR '25]Fast Feedforward Compression**, Chen et al., arXiv 2025 | "
            "[📄 Paper](https://arxiv.org/abs/2410.08017) | [💻 Code](https://github.com/Y/F)",
            "Fast Feedforward Compression",
            "https://arxiv.org/abs/2410.08017",
            "ICLR",
            "2025",
            (("Authors", "Chen et al."), ("Code", "https://github.com/Y/F")),
        ),
    ],
)
def test_awesome_entry_shapes(line, title, link, venue, year, fields):
    paper = one(line + "\n")
    assert (paper.title, paper.link, paper.venue, paper.year, paper.fields) == (
        title,
        link,
        venue,
        year,
        fields,
    )


def test_bold_title_block_with_paper_code_and_homepage_items():
    paper = one(
        "# 3DGS\n\n**Scaffold-GS: Structured 3D Gaussians**\n\n- Homepage: https://city-super.github.io/scaffold-gs/\n"
        "- Paper: https://arxiv.org/abs/2312.00109\n- Code: https://github.com/city-super/Scaffold-GS\n"
    )
    assert (paper.title, paper.link) == (
        "Scaffold-GS: Structured 3D Gaussians",
        "https://arxiv.org/abs/2312.00109",
    )
    assert dict(paper.fields) == {
        "Project": "https://city-super.github.io/scaffold-gs/",
        "Code": "https://github.com/city-super/Scaffold-GS",
    }


def test_badges_images_anchors_and_code_only_links_are_not_papers():
    papers = read_text(
        "# Awesome [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "![logo](logo.png)\n\n- [Vision](#vision)\n\n## Vision\n\n"
        "- [A paper](https://arxiv.org/abs/1)\n- [A viewer](https://github.com/a/viewer)\n"
        "- [A video](https://youtu.be/x)\n- [A post](https://example.org/blog/post)\n\n"
        "> [Our own survey](https://arxiv.org/abs/9) in a note\n",
        "l.md",
    ).papers
    assert [p.title for p in papers] == ["A paper"]


def test_the_same_paper_twice_in_an_awesome_list_is_one_paper_with_a_warning():
    parsed = read_text(
        "## Old\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762), NeurIPS 2017\n"
        "## New\n- [Attention is all you need](https://arxiv.org/pdf/1706.03762v5.pdf), 2017 "
        "[[code]](https://github.com/t/t)\n",
        "l.md",
    )
    (paper,) = parsed.papers
    assert paper.fields == (("Code", "https://github.com/t/t"),)
    assert str(parsed.warnings[0]) == (
        "l.md:4: the paper of line 2 again, its title at character 11: 'Attention Is All You "
        "Need' vs 'Attention is all you need'; kept once"
    )


# --- tables -------------------------------------------------------------------------------


def test_table_rows_whose_title_column_links_the_paper():
    papers = read_text(
        "| Title | Venue | Date | Code | Demo |\n|:--|:--:|:--:|:--:|:--:|\n"
        "| ![Star](https://img.shields.io/x.svg) <br> "
        "[**VITA: Omni MLLM**](https://arxiv.org/pdf/2408.05211) <br> "
        "| arXiv | 2024-08-09 | [Github](https://github.com/V/VITA) | Local Demo |\n"
        "| [**Introducing GPT-X**](https://openai.com/index/x/) | OpenAI | 2025-01-01 | - | - |\n"
        "| **No link** | CVPR | 2024 | - | - |\n",
        "l.md",
    ).papers
    (paper,) = papers
    assert (paper.title, paper.link, paper.venue, paper.year) == (
        "VITA: Omni MLLM",
        "https://arxiv.org/pdf/2408.05211",
        "arXiv",
        "2024",
    )
    assert paper.fields == (
        ("Date", "2024-08-09"),
        ("Demo", "Local Demo"),
        ("Code", "https://github.com/V/VITA"),
    )


# --- BibTeX, CSV, JSON ------------------------------------------------------------------------


def test_bibtex_entries_with_url_doi_eprint_and_tex_accents():
    papers = read_text(
        "@string{cv = {CVPR}}\n@proceedings{vol, title = {The Volume}}\n"
        '@inproceedings{a, title = {{A} Paper}, author = {Alan{\\"a}r{\\"a}, A. and Bob, B.},'
        " booktitle = {ICML 2023}, year = {2023}, url = {https://a.org/1}, abstract = {Text.}}\n"
        "@article{b, title = {B}, journal = {Nature}, doi = {10.1/xyz}}\n"
        "@misc{c, title = {C}, eprint = {2401.00001}, archivePrefix = {arXiv}}\n",
        "refs.bib",
    ).papers
    a, b, c = papers
    assert (a.title, a.link, a.venue, a.year, a.abstract) == (
        "A Paper",
        "https://a.org/1",
        "ICML",
        "2023",
        "Text.",
    )
    assert a.fields[0] == ("Authors", "A. Alanärä, B. Bob")
    assert (b.link, b.venue, c.link) == (
        "https://doi.org/10.1/xyz",
        "Nature",
        "https://arxiv.org/abs/2401.00001",
    )


def test_csv_the_page_exported_reads_back_to_the_same_papers():
    source = read_text(
        "# T\n## 1. =SUM(A1)\n- [x] =SUM(A1) | https://a.org/1\n- **Authors**: Ann; Bo\n"
        '<details>\n\nLine one, "quoted".\n\nLine two.\n\n</details>\n',
        "t.md",
    )
    data = export_list(source, "csv", ticked_ids=[p.id for p in source.papers])
    (paper,) = read_bytes(data, "picks.csv").papers
    (original,) = source.papers
    assert (paper.id, paper.title, paper.link, paper.abstract) == (
        original.id,
        original.title,
        original.link,
        original.abstract,
    )
    assert ("Authors", "Ann, Bo") in paper.fields


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"Title;Link;Year\nA;https://a.org/1;2024\n", ";"),
        ("title\turl\tyear\nA\thttps://a.org/1\t2024\n".encode("utf-16"), "tab"),
        ("Title,Link,Year\nAé,https://a.org/1,2024\n".encode("cp1252"), "comma, cp1252"),
    ],
)
def test_csv_delimiter_and_encoding_are_sniffed(data, delimiter):
    (paper,) = read_bytes(data, "list.csv").papers
    assert (paper.title[:1], paper.link, paper.year) == ("A", "https://a.org/1", "2024"), delimiter


def test_json_paperlists_objects_with_known_keys_and_the_rest_as_fields():
    (paper,) = read_text(
        '[{"id": "x1", "title": "A", "site": "https://openreview.net/forum?id=x1", '
        '"author": "Ann One; Bo Two", "abstract": "Text.", "status": "Oral", "track": "main", '
        '"github": "https://github.com/a/b", "aff": ";", "rating": ""}]',
        "cvpr.json",
    ).papers
    assert (paper.title, paper.link, paper.abstract) == (
        "A",
        "https://openreview.net/forum?id=x1",
        "Text.",
    )
    assert paper.fields == (
        ("Authors", "Ann One, Bo Two"),
        ("id", "x1"),
        ("Status", "Oral"),
        ("Track", "main"),
        ("Code", "https://github.com/a/b"),
    )


def test_a_paper_keeps_its_id_in_every_shape():
    link = "https://Example.org/p/1/"
    lists = {
        "a.md": f"## 1. T\n- [ ] T | {link}\n",
        "b.md": f"- [T]({link}), CVPR 2024\n",
        "c.bib": f"@article{{k, title={{T}}, url={{{link}}}}}\n",
        "d.csv": f"Title,Link\nT,{link}\n",
        "e.json": f'[{{"title": "T", "url": "{link}"}}]',
    }
    ids = {name: one(text, name).id for name, text in lists.items()}
    assert len(set(ids.values())) == 1, ids


# --- hostile and malformed: nothing runs, one-line errors with lines ----------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("a.json", '[\n{"title": "A",\n "url": }]', 3, "not valid JSON: Expecting value"),
        ("a.json", '{"title": "A"}', 1, "expected a JSON list of paper objects"),
        ("a.json", '[\n{"title": "A", "url": "javascript:alert(1)"}]', 2, "link must start"),
        ("a.json", '[{"name2": "A"}]', 1, "no papers found: 1 objects, none with a title"),
        ("a.bib", "@article{a, title={A}}\n@article{b, title={B\n@article{c, title={C}}\n", 2,
         "BibTeX entry not closed"),
        ("a.bib", "@article{a, title={A}, url={data:text/html,x}}\n", 1, "link must start"),
        ("a.csv", 'Title,Link\nA,https://a.org/1\n"B,https://a.org/2\n', 3, "not valid CSV"),
        ("a.csv", "Title,Link\nA,javascript:alert(1)\n", 2, "link must start"),
        ("a.csv", "Name2,Link\n,https://a.org/1\n", 2, "no papers found"),
        ("a.md", "# T\n\nJust text.\n\n![x](y.png)\n", 1, "no papers found"),
        ("a.md", "- [A](https://a.org/1), CVPR 2024\n- [B](https://a.org/2)\x00\n", 2, "NUL byte"),
        ("a.csv", "Title,Link\nA\x00,https://a.org/1\n", 2, "NUL byte"),
    ],
)  # fmt: skip
def test_malformed_lists_give_one_line_errors_with_their_line(name, text, line, message):
    with pytest.raises(ListError) as caught:
        read_text(text, name)
    err = caught.value
    assert (err.file, err.line) == (name, line), str(err)
    assert message in err.message
    assert "\n" not in str(err)


def test_hostile_text_stays_text_and_script_links_are_never_papers():
    papers = read_text(
        "## Evil\n- [<script>alert(1)</script> Title](https://a.org/1), CVPR 2024\n"
        "- [Click](javascript:alert(1)), CVPR 2024\n"
        "- [<img src=x onerror=alert(1)>](data:text/html,x)\n"
        "| Title |\n|--|\n| [T2](vbscript:x) |\n",
        "l.md",
    ).papers
    (paper,) = papers
    assert paper.title == "<script>alert(1)</script> Title"
    assert paper.link == "https://a.org/1"


def test_a_huge_markdown_list_reads(benchmark_size=3000):
    text = "".join(
        f"- [Paper {i}: {'x' * 50}](https://arxiv.org/abs/{i}), CVPR 2024 [[code]](https://github.com/a/{i})\n"
        for i in range(benchmark_size)
    )
    parsed: PaperList = read_text(text, "big.md")
    assert len(parsed.papers) == benchmark_size


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "evil.json",
            '[{"title": "<script>window.__pwned=1</script> T", "url": "https://a.org/1", '
            '"abstract": "<img src=x onerror=alert(1)> [x](javascript:alert(1))", '
            '"github": "javascript:alert(2)"}]',
        ),
        (
            "evil.csv",
            'Title,Link,Abstract,Code\n"<script>window.__pwned=1</script> T",https://a.org/1,'
            '"<img src=x onerror=alert(1)>",javascript:alert(2)\n',
        ),
        (
            "evil.md",
            "- [<script>window.__pwned=1</script> T](https://a.org/1), CVPR 2024 "
            "[[code]](javascript:alert(2))\n",
        ),
    ],
)
def test_a_hostile_list_of_any_shape_builds_a_page_where_nothing_runs(project, name, text):
    from generator.cli import main

    (project / name).write_text(text, encoding="utf-8")
    assert main(["build", name, "-o", "out"]) == 0
    page = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert 'href="javascript:' not in page.lower()
    assert "<img src=x" not in page


# --- shapes met trying real lists from outside ------------------------------------------


def test_a_jekyll_page_front_matter_is_no_section_and_its_title_names_the_list():
    parsed = read_text(
        '---\nlayout: default\ntitle: "TIL: ACL 2020 paper list"\n---\n\n### 8th July\n\n'
        "[BART: Denoising Sequence-to-Sequence Pre-training](https://arxiv.org/abs/1910.13461)"
        "\n\n[TaBERT: Pretraining for Joint Understanding of Textual and Tabular Data]"
        "(https://arxiv.org/abs/2005.08314)\n",
        "til.md",
    )
    assert parsed.title == "TIL: ACL 2020 paper list"
    assert [(p.line, p.section) for p in parsed.papers] == [(8, ("8th July",)), (10, ("8th July",))]


def test_a_front_matter_title_gives_way_to_the_list_own_heading():
    parsed = read_text(
        "---\ntitle: Page\n---\n# Reading list\n\n- [Attention Is All You Need]"
        "(https://arxiv.org/abs/1706.03762), NeurIPS 2017\n",
        "l.md",
    )
    assert (parsed.title, parsed.papers[0].section) == ("Reading list", ())


def test_a_checklist_of_bold_titles_with_their_links_bare_on_the_next_line():
    parsed = read_text(
        "# Roadmap\n\n## Optimization\n\n### 2015\n"
        "- [ ] **Batch Normalization: Accelerating Deep Network Training** — Ioffe & Szegedy, "
        "2015  \n      https://arxiv.org/abs/1502.03167\n\n"
        "- [x] **Adam: A Method for Stochastic Optimization** — Kingma & Ba, 2015  \n"
        "      https://arxiv.org/abs/1412.6980\n\n"
        "### 1998\n- [ ] **LeNet-5** — *Gradient-Based Learning Applied to Document "
        "Recognition*  \n      LeCun et al., 1998  \n"
        "      https://ieeexplore.ieee.org/document/726791  \n"
        "      PDF mirror: https://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf\n",
        "roadmap.md",
    )
    assert [(p.title, p.link, p.ticked, p.year, p.section) for p in parsed.papers] == [
        (
            "Batch Normalization: Accelerating Deep Network Training",
            "https://arxiv.org/abs/1502.03167",
            False,
            "2015",
            ("Optimization", "2015"),
        ),
        (
            "Adam: A Method for Stochastic Optimization",
            "https://arxiv.org/abs/1412.6980",
            True,
            "2015",
            ("Optimization", "2015"),
        ),
        ("LeNet-5", "https://ieeexplore.ieee.org/document/726791", False, "1998",
         ("Optimization", "1998")),
    ]  # fmt: skip


def test_a_bare_link_ends_before_the_punctuation_that_closes_its_sentence():
    paper = one("- **DQN — Playing Atari with Deep RL** (see https://arxiv.org/abs/1312.5602).\n")
    assert paper.link == "https://arxiv.org/abs/1312.5602"


def test_a_line_in_brackets_or_of_check_marks_under_a_heading_names_no_authors():
    parsed = read_text(
        "# Roadmap\n\n## NLP — Full Implementation Checklist\n"
        "(All Papers You Provided, With Correct Links)\n\n"
        "- [ ] **word2vec — Efficient Estimation of Word Representations** — Mikolov et al., "
        "2013  \n  https://arxiv.org/abs/1310.4546\n\n"
        "## ⭐ All NLP Papers Confirmed & Included\n\n✔ word2vec  \n✔ Seq2Seq  \n✔ BERT family\n",
        "roadmap.md",
    )
    assert [p.title for p in parsed.papers] == [
        "word2vec — Efficient Estimation of Word Representations"
    ]


def test_only_the_line_right_under_a_heading_may_name_its_authors():
    parsed = read_text(
        "# Roadmap\n\n## Full sections start below\n\nPaste the sections below this line.\n\n"
        "- Master index\n- All sections\n\nThis creates a clean, navigable single-file README.\n\n"
        "## Papers\n\n- [Adam: A Method for Stochastic Optimization]"
        "(https://arxiv.org/abs/1412.6980), ICLR 2015\n",
        "roadmap.md",
    )
    assert [p.title for p in parsed.papers] == ["Adam: A Method for Stochastic Optimization"]


def test_a_json_list_links_its_papers_by_doi_else_by_url_paper():
    parsed = read_text(
        '[{"title": "2D Gaussian Splatting for Geometrically Accurate Radiance Fields",'
        ' "author": "Binbin Huang, Zehao Yu", "doi": "https://doi.org/10.1145/3641519.3657428",'
        ' "url_paper": "https://s2024.conference-program.org/presentation/?id=papers_443",'
        ' "sess": "Fast Radiance Fields"},\n'
        ' {"title": "A Paper Without DOI", "doi": "",'
        ' "url_paper": "https://s2024.conference-program.org/presentation/?id=papers_1"},\n'
        ' {"title": "A Bare DOI", "doi": "10.1145/3641519.3657429"}]',
        "siggraph2024.json",
    )
    assert [p.link for p in parsed.papers] == [
        "https://doi.org/10.1145/3641519.3657428",
        "https://s2024.conference-program.org/presentation/?id=papers_1",
        "https://doi.org/10.1145/3641519.3657429",
    ]
    assert dict(parsed.papers[0].fields)["url_paper"].endswith("?id=papers_443")
    assert not [w for w in parsed.warnings if "no link" in str(w)]


def test_a_csv_doi_column_links_its_papers_through_doi_org():
    paper = one("Title,DOI\nA Paper,10.1016/j.resmic.2012.08.002\n", "refs.csv")
    assert paper.link == "https://doi.org/10.1016/j.resmic.2012.08.002"


def test_snake_case_keys_are_known_keys():
    paper = one(
        '[{"paper_title": "A Paper", "paper_url": "https://a.org/p.pdf", "author_names": "A B"}]',
        "l.json",
    )
    assert (paper.title, paper.link, paper.fields) == (
        "A Paper",
        "https://a.org/p.pdf",
        (("Authors", "A B"),),
    )


def test_google_scholar_arxiv_entries_and_web_pages_in_howpublished_are_linked():
    parsed = read_text(
        "@article{banerjee2009software,  title={Software Security Rules, SDLC Perspective},"
        "  author={Banerjee, C and Pandey, SK},  journal={arXiv preprint arXiv:0911.0494},"
        "  year={2009}}\n\n"
        "@misc{ESAPI,\n  title={{OWASP Enterprise Security API Toolkits - Datasheet}},\n"
        "  key={OWASP},\n"
        "  howpublished={\\url{https://www.owasp.org/images/8/81/Esapi-datasheet.pdf}}\n}\n\n"
        '@misc{bsimm,\n  title = "{BSIMM}",\n  howpublished = "\\url{https://www.bsimm.com/}",\n'
        '  note = "Last accessed 2021-09-23"\n}\n\n'
        "@book{dirksen2015design,\n  title={Design for how people learn},\n"
        "  author={Dirksen, Julie},\n  year={2015},\n  publisher={New Riders}\n}\n",
        "references.bib",
    )
    assert [(p.title, p.link) for p in parsed.papers] == [
        ("Software Security Rules, SDLC Perspective", "https://arxiv.org/abs/0911.0494"),
        (
            "OWASP Enterprise Security API Toolkits - Datasheet",
            "https://www.owasp.org/images/8/81/Esapi-datasheet.pdf",
        ),
        ("BSIMM", "https://www.bsimm.com/"),
        ("Design for how people learn", ""),
    ]
    assert parsed.papers[0].venue == "arXiv preprint arXiv:0911.0494"
    assert dict(parsed.papers[2].fields) == {
        "note": "Last accessed 2021-09-23",
        "type": "misc",
        "key": "bsimm",
    }


def test_a_linked_heading_keeps_its_one_author_in_italics():
    papers = read_text(
        "### [Causality Model for Semantic Understanding on Videos]"
        "(https://arxiv.org/abs/2503.12447)\n*Li Yicong*\n<details>\n"
        "  <summary>Abstract</summary>\nWe study causality.\n</details>\n\n"
        "### [Less Biased Noise Scale Estimation for Threshold-Robust RANSAC]"
        "(https://arxiv.org/abs/2503.13433)\n*Johan Edstedt, Ann Other*\n",
        "2025-03-18.md",
    ).papers
    assert [p.fields for p in papers] == [
        (("Authors", "Li Yicong"),),
        (("Authors", "Johan Edstedt, Ann Other"),),
    ]
    assert papers[0].abstract == "We study causality."


def test_a_section_heading_with_one_italic_line_under_it_is_no_paper():
    parsed = read_text(
        "# List\n\n## Detection\n*Coming soon*\n\n## Segmentation\n\n"
        "- [Segment Anything](https://arxiv.org/abs/2304.02643), ICCV 2023\n",
        "l.md",
    )
    assert [(p.title, p.section) for p in parsed.papers] == [
        ("Segment Anything", ("Segmentation",))
    ]


def test_a_link_far_under_a_date_heading_does_not_make_the_heading_a_paper():
    parsed = read_text(
        "# TIL\n\n### 8th July\n\n"
        "[Reading group notes](https://example.org/notes/8-july)"
        "\n\nInteresting papers I did not get to.\n\n"
        "[https://virtual.acl2020.org/paper_srw.9.html](https://virtual.acl2020.org/paper_srw.9.html)"
        "\n\n[BART: Denoising Sequence-to-Sequence Pre-training](https://arxiv.org/abs/1910.13461)\n",
        "til.md",
    )
    assert [(p.title, p.link, p.section) for p in parsed.papers] == [
        (
            "BART: Denoising Sequence-to-Sequence Pre-training",
            "https://arxiv.org/abs/1910.13461",
            ("8th July",),
        )
    ]


def test_a_conference_virtual_site_page_of_a_paper_is_the_paper():
    parsed = read_text(
        "### 8th July\n\n[Decoding Brain Activity Associated with Literal and Metaphoric "
        "Sentence Comprehension](https://virtual.acl2020.org/paper_tacl.1912.html)\n\n"
        "[TaBERT: Pretraining for Joint Understanding of Textual and Tabular Data]"
        "(https://virtual.acl2020.org/paper_main.745.html)\n\n"
        "[Conference home](https://acl2020.org/)\n",
        "til.md",
    )
    assert [p.link for p in parsed.papers] == [
        "https://virtual.acl2020.org/paper_tacl.1912.html",
        "https://virtual.acl2020.org/paper_main.745.html",
    ]


def test_a_title_item_with_its_link_in_a_nested_item_is_a_paper():
    parsed = read_text(
        "## ICLR 2020 accepted papers\n* https://openreview.net/group?id=ICLR.cc/2020/Conference\n"
        "\n### List\n* PROGRESSIVE LEARNING AND DISENTANGLEMENT OF HIERARCHICAL REPRESENTATIONS\n"
        "  * https://iclr.cc/virtual_2020/poster_SJxpsxrYPS.html\n  \n"
        "* Contrastive Learning of Structured World Models\n"
        "  * https://iclr.cc/virtual_2020/poster_H1gax6VtDB.html\n\n"
        "* A talk I liked\n  * https://www.youtube.com/watch?v=x\n",
        "viewing-party.md",
    )
    assert [(p.title, p.link, p.section) for p in parsed.papers] == [
        (
            "PROGRESSIVE LEARNING AND DISENTANGLEMENT OF HIERARCHICAL REPRESENTATIONS",
            "https://iclr.cc/virtual_2020/poster_SJxpsxrYPS.html",
            ("ICLR 2020 accepted papers", "List"),
        ),
        (
            "Contrastive Learning of Structured World Models",
            "https://iclr.cc/virtual_2020/poster_H1gax6VtDB.html",
            ("ICLR 2020 accepted papers", "List"),
        ),
    ]


def test_a_papercopilot_openreview_object_keeps_the_paper_not_the_scraper_bookkeeping():
    kept = {
        "id": "2XAAdvSlP2",
        "title": "Is Transductive Learning Equivalent to PAC Learning?",
        "track": "main",
        "status": "Poster",
        "tldr": "",
        "abstract": "We study it.",
        "author": "Shaddin Dughmi;Yusuf Hakan Kalayci",
        "aff": "University of Southern California;USC",
        "site": "https://openreview.net/forum?id=2XAAdvSlP2",
        "keywords": "PAC learning",
        "github": "https://github.com/a/b",
    }
    bookkeeping = {
        "authorids": "~Shaddin_Dughmi1;~Y1",
        "gender": ";M",
        "homepage": ";https://yhkalayci.github.io/",
        "dblp": ";",
        "google_scholar": ";ae5Sh9EAAAAJ",
        "orcid": ";",
        "linkedin": ";",
        "or_profile": "~Shaddin_Dughmi1;~Y1",
        "aff_domain": "usc.edu;usc.edu",
        "position": ";PhD student",
        "bibtex": "@inproceedings{dughmi2025is, title={Is Transductive ...}}",
        "reviewers": "Authors;Area_Chair_NsUM",
        "pdf_size": 0,
        "rating": "0;0;7;7",
        "confidence": "0;4;3;5",
        "rating_avg": [4.2, 3.4],
        "authors#_avg": [3, 0],
        "corr_rating_confidence": 0.61,
        "gs_citation": -1,
        "gs_cited_by_link": "https://scholar.google.com/x",
        "aff_unique_norm": "University of Southern California",
        "aff_campus_unique": "Los Angeles",
        "aff_country_unique": "United States",
        "email": "usc.edu;usc.edu",
        "author_num": 2,
    }
    (paper,) = read_text(json.dumps([{**kept, **bookkeeping}]), "alt2025.json").papers
    assert paper.fields == (
        ("Authors", "Shaddin Dughmi, Yusuf Hakan Kalayci"),
        ("id", "2XAAdvSlP2"),
        ("Track", "main"),
        ("Status", "Poster"),
        ("aff", "University of Southern California;USC"),
        ("Keywords", "PAC learning"),
        ("Code", "https://github.com/a/b"),
    )


def test_a_json_lines_file_is_a_list_of_papers():
    parsed = read_text(
        '{"id": "2503.11731", "pdf": "https://arxiv.org/pdf/2503.11731", "abs": '
        '"https://arxiv.org/abs/2503.11731", "authors": ["Xianming Zeng", "Sicong Du"], '
        '"title": "Industrial-Grade Sensor Simulation via Gaussian Splatting", '
        '"summary": "Sensor simulation is pivotal."}\n'
        '{"id": "2503.11742", "pdf": "https://arxiv.org/pdf/2503.11742", "abs": '
        '"https://arxiv.org/abs/2503.11742", "authors": ["Moreno D\'Incà"], '
        '"title": "Safe Vision-Language Models via Unsafe Weights Manipulation", '
        '"summary": "VLMs often inherit biases."}\n',
        "2025-03-18.jsonl",
    )
    assert [(p.line, p.link, p.abstract, p.fields[0]) for p in parsed.papers] == [
        (1, "https://arxiv.org/abs/2503.11731", "Sensor simulation is pivotal.",
         ("Authors", "Xianming Zeng, Sicong Du")),
        (2, "https://arxiv.org/abs/2503.11742", "VLMs often inherit biases.",
         ("Authors", "Moreno D'Incà")),
    ]  # fmt: skip


def test_a_json_lines_file_with_a_broken_line_names_it():
    with pytest.raises(ListError) as caught:
        read_text('{"title": "A", "url": "https://a.org/1"}\n{"title": "B",\n', "l.jsonl")
    assert str(caught.value).startswith("l.jsonl:2: not valid JSON: ")


ZOTERO_CSV = (
    "\ufeffKey,Item Type,Publication Year,Author,Title,Publication Title,ISBN,ISSN,DOI,Url,"
    "Abstract Note,Date,Date Added,Date Modified,Access Date,Pages,Issue,Volume,"
    "Journal Abbreviation,Publisher,Language,Rights,Library Catalog,Extra,Notes,"
    "File Attachments,Link Attachments,Manual Tags,Automatic Tags\n"
    '2C9R4JYJ,journalArticle,2023,"Kwon, Yoohwan; Chung, Soo-Whan",MoLE : Mixture Of Language '
    'Experts For Multi-Lingual Automatic Speech Recognition,"ICASSP 2023 - 2023 IEEE '
    'International Conference on Acoustics, Speech and Signal Processing (ICASSP)",,,'
    "10.1109/ICASSP49357.2023.10096227,https://ieeexplore.ieee.org/document/10096227/,"
    "Multi-lingual speech recognition aims to distinguish linguistic expressions.,6/4/2023,"
    "4/10/2024 16:07,5/29/2025 10:02,4/10/2024 16:07,5-Jan,,,,,,,Semantic Scholar,,,"
    "C:\\Users\\damru\\Zotero\\storage\\9FJ3QM6Q\\Kwon and Chung - 2023 - MoLE.pdf; ,"
    "https://arxiv.org/pdf/2302.13750,,\n"
)


def test_a_zotero_csv_export_gives_year_venue_abstract_and_no_local_file_paths():
    paper = one(ZOTERO_CSV, "zotero.csv")
    assert (paper.link, paper.year, paper.abstract) == (
        "https://ieeexplore.ieee.org/document/10096227/",
        "2023",
        "Multi-lingual speech recognition aims to distinguish linguistic expressions.",
    )
    assert paper.venue.startswith("ICASSP 2023 - 2023 IEEE International Conference")
    assert dict(paper.fields) == {
        "Authors": "Yoohwan Kwon, Soo-Whan Chung",
        "Key": "2C9R4JYJ",
        "Item Type": "journalArticle",
        "DOI": "10.1109/ICASSP49357.2023.10096227",
        "Date": "6/4/2023",
        "Pages": "5-Jan",
        "Link Attachments": "https://arxiv.org/pdf/2302.13750",
    }


def test_a_proceedings_full_name_stays_whole_as_the_venue():
    paper = one(
        "@inproceedings{baset2017ide,\n  title={Ide plugins for detecting input-validation "
        "vulnerabilities},\n  author={Baset, Aniqua Z and Denning, Tamara},\n"
        "  booktitle={2017 IEEE Security and Privacy Workshops (SPW)},\n  year={2017}\n}\n",
        "references.bib",
    )
    assert (paper.venue, paper.year) == ("2017 IEEE Security and Privacy Workshops (SPW)", "2017")


def test_a_second_bare_link_is_a_link_field_not_one_named_after_its_url():
    papers = read_text(
        "- [ ] **LeNet-5** — *Gradient-Based Learning Applied to Document Recognition*  \n"
        "      https://ieeexplore.ieee.org/document/726791  \n"
        "      PDF mirror: https://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf\n"
        "- [Fast R-CNN](https://arxiv.org/abs/1504.08083), ICCV 2015 "
        "[https://example.org/slides](https://example.org/slides)\n",
        "roadmap.md",
    ).papers
    assert [dict(p.fields).get("Link (also)") for p in papers] == [
        "https://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf",
        "https://example.org/slides",
    ]
    assert not [name for p in papers for name, _ in p.fields if "://" in name]


def test_a_title_starting_with_a_bracketed_prefix_of_its_first_word_keeps_it():
    papers = read_text(
        "- [(Re)construing Meaning in NLP](https://aclanthology.org/2020.acl-main.462), ACL 2020\n"
        "- **[ICLR '25]Fast Training of Sinusoidal Networks** [[Paper]](https://arxiv.org/abs/1)\n"
        "- (Re)thinking Positional Encoding [[Paper]](https://arxiv.org/abs/2)\n"
        "- (CVPR 2024) Rich Human Feedback [[Paper]](https://arxiv.org/abs/3)\n",
        "l.md",
    ).papers
    assert [(p.title, p.venue) for p in papers] == [
        ("(Re)construing Meaning in NLP", "ACL"),
        ("Fast Training of Sinusoidal Networks", "ICLR"),
        ("(Re)thinking Positional Encoding", ""),
        ("Rich Human Feedback", "CVPR"),
    ]


def test_a_paragraph_of_linked_titles_one_a_line_is_one_paper_a_line():
    papers = read_text(
        "# Notes\n\nInteresting papers I came across:\n\n"
        "[(Re)construing Meaning in NLP](https://virtual.acl2020.org/paper_main.462.html),\n"
        "[Beyond Accuracy: Behavioral Testing of NLP Models with CheckList]"
        "(https://virtual.acl2020.org/paper_main.442.html),\n"
        "[Climbing towards NLU](https://virtual.acl2020.org/paper_main.463.html)\n",
        "til.md",
    ).papers
    assert [(p.line, p.title, p.fields) for p in papers] == [
        (5, "(Re)construing Meaning in NLP", ()),
        (6, "Beyond Accuracy: Behavioral Testing of NLP Models with CheckList", ()),
        (7, "Climbing towards NLU", ()),
    ]


def test_a_venue_and_year_joined_by_an_underscore_split_cleanly():
    paper = one(
        "Title,Conference,Type,OpenReviewLink\n"
        "AlphaFold Meets Flow Matching,ICML_2024,Oral,https://openreview.net/forum?id=rs8Sh2UASt\n",
        "icml_2024.csv",
    )
    assert (paper.venue, paper.year, paper.link) == (
        "ICML",
        "2024",
        "https://openreview.net/forum?id=rs8Sh2UASt",
    )


def test_a_table_cell_with_a_link_and_a_remark_keeps_both():
    paper = one(
        "| Year | Venue | Title | Remarks\n|---|---|---|---|\n"
        "|2019     | IJCAI   | [Interpolation Consistency Training for Semi-Supervised Learning]"
        "(https://www.ijcai.org/proceedings/2019/0504.pdf) | "
        "[code](https://github.com/vikasverma1077/ICT), concurrent with MixMatch \n",
        "ssl.md",
    )
    assert paper.fields == (
        ("Remarks", "concurrent with MixMatch"),
        ("Code", "https://github.com/vikasverma1077/ICT"),
    )
