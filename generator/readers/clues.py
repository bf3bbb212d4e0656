"""What a list's text says about a paper: which link is the paper, what a label means, the venue."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d])")
ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?",
    re.IGNORECASE,
)
NOT_WORD = re.compile(r"[^\w]+")
LABEL_EXTRA = re.compile(r"\([^)]*\)|[:：\s][\d.v]+$")  # '(not yet)', ':2309.13101', ' 2
SYMBOLS = re.compile(r"[^\w\s.,:;'’()&+/-]+")

# Hosts whose pages are papers (or their records); any PDF is a paper too.
PAPER_HOSTS = (
    "arxiv.org",
    "openreview.net",
    "doi.org",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "link.springer.com",
    "thecvf.com",
    "neurips.cc",
    "nips.cc",
    "mlr.press",
    "aclanthology.org",
    "aclweb.org",
    "aaai.org",
    "ijcai.org",
    "jmlr.org",
    "sciencedirect.com",
    "nature.com",
    "science.org",
    "biorxiv.org",
    "medrxiv.org",
    "techrxiv.org",
    "ecva.net",
    "bmva.org",
    "icml.cc",
    "iclr.cc",
    "roboticsproceedings.org",
    "semanticscholar.org",
    "usenix.org",
    "pnas.org",
    "wiley.com",
    "tandfonline.com",
    "mdpi.com",
    "frontiersin.org",
    "plos.org",
    "ssrn.com",
    "hal.science",
    "researchgate.net",
    "ojs.aaai.org",
)
# Hosts whose pages are code, videos or posts: a link to them alone is not a paper.
NOT_PAPER_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "youtube.com",
    "youtu.be",
    "bilibili.com",
    "vimeo.com",
    "twitter.com",
    "x.com",
    "medium.com",
    "towardsdatascience.com",
    "zhihu.com",
    "colab.research.google.com",
    "kaggle.com",
    "huggingface.co",
    "discord.gg",
    "img.shields.io",
    "star-history.com",
    "wechat.com",
    "weixin.qq.com",
)
# A paper's page on a conference's virtual site (MiniConf, used by ACL, ICLR, ICML and
# NeurIPS since 2020): '/paper_main.717.html', '/poster_SJxpsxrYPS.html'.
PAPER_PAGE = re.compile(r"/(?:paper|poster)_[^/?#]+\.html?$", re.IGNORECASE)
NOT_PAPER_PATH = re.compile(r"/(?:blog|blogs|news|posts?)(?:/|\?|$)|[?&]id=.*blog", re.IGNORECASE)

# What a link's label says it points to (labels are compared without case, symbols or spaces).
LABEL_KINDS = {
    "paper": (
        "paper",
        "pdf",
        "arxiv",
        "openreview",
        "doi",
        "link",
        "url",
        "officiallink",
        "abstract",
        "abs",
        "fullpaper",
        "preprint",
        "proceedings",
        "论文",
        "链接",
    ),
    "Code": ("code", "github", "gitlab", "repo", "repository", "implementation", "代码"),
    "Project": ("project", "projectpage", "homepage", "home", "page", "website", "web", "主页"),
    "Video": ("video", "youtube", "bilibili", "explanationvideo", "talk"),
    "Demo": ("demo", "localdemo"),
    "Dataset": ("dataset", "data", "benchmark"),
    "Blog": ("blog", "post", "zhihu"),
    "Slides": ("slides", "slide", "poster"),
}
# Emoji some lists put before labels instead of words.
EMOJI_KINDS = {
    "📄": "paper",
    "📖": "paper",
    "💻": "Code",
    "🌐": "Project",
    "🎥": "Video",
    "🍎": "Project",
}
VENUES = frozenset(
    "aaai acl arxiv bmvc cikm coling colm corl cvpr cvprw eccv emnlp eurographics findings "
    "iccv iccvw iclr icassp icme icml icra ijcai ijcv interspeech iros kdd miccai mm naacl "
    "neurips nips pami rss siggraph tip tmlr tog tpami tvcg uai wacv www 3dv ral jmlr nsr "
    "aistats colt".split()
)


def squash(text: str) -> str:
    """Reduce a label to lower-case letters and digits: '📄 Paper (PDF)' gives 'paperpdf'."""
    return NOT_WORD.sub("", text).casefold()


def label_kind(label: str) -> str | None:
    """Tell what a link's label names: 'paper', a field name such as 'Code', or None.

    The label must be just the word ('Code', 'Paper (Low Resolution)', 'arXiv:2309.13101',
    '📄 Paper'), so a title such as 'Dataset Distillation' is no label.
    """
    for emoji, kind in EMOJI_KINDS.items():
        if emoji in label:
            return kind
    key = squash(LABEL_EXTRA.sub("", label))
    if not key or len(key) > 24:
        return None
    if key.endswith("officiallink"):
        return "paper"
    return next((kind for kind, words in LABEL_KINDS.items() if key in words), None)


def host_of(url: str) -> str:
    """Give a URL's host, lower case, without 'www.' (empty when it has none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def is_pdf(url: str) -> bool:
    """Tell whether a URL names a PDF file."""
    path = url.split("?", 1)[0].split("#", 1)[0].casefold()
    return path.endswith(".pdf") or "/pdf/" in path


def is_paper_url(url: str) -> bool:
    """Tell whether a URL points at a paper: a scholarly host, or any PDF."""
    host = host_of(url)
    if host == "huggingface.co":
        return "/papers/" in url
    if _on(host, NOT_PAPER_HOSTS):
        return is_pdf(url)
    return is_pdf(url) or _on(host, PAPER_HOSTS) or bool(PAPER_PAGE.search(url.split("?")[0]))


def is_not_paper_url(url: str) -> bool:
    """Tell whether a URL points at code, a video or a post: never a paper on its own."""
    if is_paper_url(url):
        return False
    return _on(host_of(url), NOT_PAPER_HOSTS) or bool(NOT_PAPER_PATH.search(url))


def merge_key(url: str) -> str:
    """Give the key under which two links are the same paper (an arXiv id in any of its forms)."""
    arxiv = ARXIV.search(url)
    if arxiv:
        return "arxiv:" + arxiv.group(1).casefold()
    return ""


def title_key(title: str) -> str:
    """Give the key under which two titles are the same paper's ('' when too short to tell)."""
    words = NOT_WORD.sub(" ", unicodedata.normalize("NFKC", title).casefold()).split()
    return " ".join(words) if len(words) >= 4 else ""


LONG_VENUE = 40  # longer than a venue's short name and year: a name that cutting would break


def split_venue(text: str) -> tuple[str, str]:
    """Split 'CVPR 2024' (or 'arXiv 2019/08', "ICLR '25") into venue and year; a
    proceedings' full name ('2017 IEEE Security and Privacy Workshops (SPW)') stays whole."""
    text = " ".join(text.split())
    year = YEAR.search(text)
    if year and len(text) > LONG_VENUE:
        return text, year.group(1)
    if year:
        venue = (text[: year.start()] + text[year.end() :]).strip(" ,;:/()[]'’_-")
        return " ".join(venue.split()), year.group(1)
    short = re.search(r"['’](\d\d)\b", text)
    if short and text[: short.start()].strip():
        return text[: short.start()].strip(" ,;:([-"), "20" + short.group(1)
    return text.strip(" ,;:()[]"), ""


def is_venue(text: str) -> bool:
    """Tell whether a short text names a venue ('ECCV 2020', 'NeurIPS Spotlight', 'arXiv')."""
    words = [squash(w) for w in text.split()]
    return bool(words) and len(words) <= 6 and any(w in VENUES for w in words)


def clean_label(text: str) -> str:
    """Make a field name of a label: no emoji or decoration, ' Code ' gives 'Code'."""
    name = " ".join(SYMBOLS.sub(" ", text).split()).strip(" :：.-")
    return name[:1].upper() + name[1:] if name else ""


def titles_agree(first: str, second: str) -> bool:
    """Tell whether two titles name the same paper: equal but for case and punctuation,
    or one the other's short name ('CLIP' and 'CLIP: Learning Transferable ...')."""
    a, b = _words(first), _words(second)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return 0 < len(short) <= 3 and long_[: len(short)] == short


def _words(text: str) -> list[str]:
    return NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
