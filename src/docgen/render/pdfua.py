"""PDF/UA-1 repairs WeasyPrint 70 leaves undone, made with pikepdf after it writes the PDF.

- Running heads and footers (page-margin boxes) are marked content whose structure elements
  hang outside the structure tree (WeasyPrint's upstream issue 1836): they become
  ``/Artifact <</Type /Pagination>>`` and leave the parent tree.
- Links get one structure element each, and a description in the document's language
  (``pdflinks``).

The output is reproducible: same input, same bytes (qpdf's deterministic /ID).
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from .pdflinks import LinkWords, describe_links, one_element_per_link
from .pdftree import ParentTree

PAGINATION = Dictionary(Type=Name.Pagination)


def make_accessible(data: bytes, words: LinkWords) -> bytes:
    """The PDF ``data`` with artifacts, links and link descriptions repaired."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = ParentTree(pdf)
        margins_to_artifacts(pdf, tree)
        one_element_per_link(pdf, tree)
        describe_links(pdf, words)
        tree.save()
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def margins_to_artifacts(pdf: pikepdf.Pdf, tree: ParentTree) -> None:
    """Marked content whose element is outside the structure tree becomes an Artifact."""
    reachable = tree.reachable()
    for page in pdf.pages:
        mcids = tree.entries.get(int(page.obj.get("/StructParents", -1)))
        if mcids is None:
            continue
        orphans = {i for i, element in enumerate(mcids)
                   if not (isinstance(element, Dictionary) and element.objgen in reachable)}
        if not orphans:
            continue
        operations: list[Any] = []
        for instruction in pikepdf.parse_content_stream(page):
            operands = instruction.operands
            if str(instruction.operator) == "BDC" and isinstance(operands[1], Dictionary) \
                    and int(operands[1].get("/MCID", -1)) in orphans:
                instruction = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION],
                                                               instruction.operator)
            operations.append(instruction)
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
        for i in orphans:
            mcids[i] = None


