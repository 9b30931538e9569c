"""The imprint section of the source: who answers for the brochure, and what is still missing.

Belgian printed matter names a responsible publisher (*éditeur responsable*,
*verantwoordelijke uitgever*) with a postal address. A field nobody has given yet stays
empty in the source: each empty field is a warning at its line (``--strict`` fails on it),
and a draft shows "to be completed" in its place.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Problem
from .model import IMPRINT_REQUIRED, Imprint
from .yamlnodes import Reader

_URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?$")
# What each empty field means to the person who has to fill it in.
WHAT = {
    "organisation": "the organisation's official name",
    "publisher_name": "the responsible publisher's name (éditeur responsable)",
    "publisher_address": "the responsible publisher's postal address",
    "contact": "a contact (e-mail address or telephone)",
    "website": "the download page's address (https://…), printed and as a QR code",
    "copyright": "who holds the copyright of the text",
    "licence": "the licence of the text",
}


def _line(node: yaml.Node | None, fallback: int) -> int:
    return node.start_mark.line + 1 if node is not None else fallback


def read(r: Reader, node: yaml.Node | None) -> Imprint:
    """The ``imprint:`` mapping; its problems are noted on ``r``."""
    top = _line(node, 0)
    # A missing section is the source reader's error (a required field of the document).
    f = r.mapping(node, "imprint", ("organisation", "publisher", "contact", "website",
                                    "copyright", "licence", "font_credit")) if node else {}
    organisation: dict[str, str] = {}
    org = f.get("organisation")
    if org is not None:
        for code, value in r.mapping(org, "imprint.organisation", (), tuple(
                k.value for k, _ in getattr(org, "value", []))).items():
            organisation[code] = r.string(value, f"imprint.organisation.{code}")
    pub = f.get("publisher")
    pf = r.mapping(pub, "imprint.publisher", ("name", "address")) if pub is not None else {}
    address = tuple(x for x in (r.string(n, "imprint.publisher.address") for n in
                                r.sequence(pf.get("address"), "imprint.publisher.address")) if x)
    website = r.string(f.get("website"), "imprint.website")
    if website and not _URL.match(website):
        r.error(f.get("website"), "imprint.website", f"expected an https:// address, got "
                f"{website!r}")
    # The names' warning points at the key "organisation:", not at its first language.
    keys = {k.value: k for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    nodes = {"organisation": keys.get("organisation", org), "publisher_name": pf.get("name"),
             "publisher_address": pf.get("address"), "contact": f.get("contact"),
             "website": f.get("website"), "copyright": f.get("copyright"),
             "licence": f.get("licence")}
    return Imprint(
        organisation=organisation,
        publisher_name=r.string(pf.get("name"), "imprint.publisher.name"),
        publisher_address=address,
        contact=r.string(f.get("contact"), "imprint.contact"), website=website,
        copyright=r.string(f.get("copyright"), "imprint.copyright"),
        licence=r.string(f.get("licence"), "imprint.licence"),
        font_credit=r.text(f.get("font_credit"), "imprint.font_credit",
                           "imprint.font_credit", {}),
        lines={name: _line(n, top) for name, n in nodes.items()})


def warnings(imprint: Imprint, path: str, languages: list[str]) -> list[Problem]:
    """One warning per empty required field, at its line (the name: per language)."""
    out = []
    for name, where in IMPRINT_REQUIRED.items():
        if name == "organisation":
            lacking = [code for code in languages if not imprint.organisation.get(code)]
            if not lacking:
                continue
            what = f"{where} is empty for {', '.join(lacking)}"
        elif name in imprint.missing():
            what = f"{where} is empty"
        else:
            continue
        out.append(Problem(path, imprint.lines.get(name), f"{what}: {WHAT[name]}, to be "
                           "completed before release", warning=True))
    return out
