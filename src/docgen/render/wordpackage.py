"""The parts of a briefing around its text: settings, application properties, thumbnail.

Whatever the reference document carries (a copy saved by an old Word, a Mac's app.xml, a
blank thumbnail), every briefing leaves as a current Word document in its own language.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.settings import CT_Settings

WORD = "http://schemas.microsoft.com/office/word"
# Word 2013 and later: no "Compatibility Mode" in the title bar.
COMPATIBILITY_MODE = "15"
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties"><Application>docgen</Application></Properties>')


def _child(settings: CT_Settings, tag: str) -> object:
    """``settings``' child ``tag``, added in the place the schema gives it."""
    found = settings.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        successors = CT_Settings._tag_seq[CT_Settings._tag_seq.index(tag) + 1:]
        settings.insert_element_before(found, *successors)
    return found


def settle_settings(document: DocxDocument, tag: str) -> None:
    """Word 2013+ layout rules (compatibilityMode 15) and the document's language."""
    settings = document.settings.element
    compat = _child(settings, "w:compat")
    mode = next((s for s in compat.findall(qn("w:compatSetting"))  # type: ignore[attr-defined]
                 if s.get(qn("w:name")) == "compatibilityMode"), None)
    if mode is None:
        mode = OxmlElement("w:compatSetting")
        compat.append(mode)  # type: ignore[attr-defined]
    mode.set(qn("w:name"), "compatibilityMode")
    mode.set(qn("w:uri"), WORD)
    mode.set(qn("w:val"), COMPATIBILITY_MODE)
    lang = _child(settings, "w:themeFontLang")
    lang.set(qn("w:val"), tag)  # type: ignore[attr-defined]


def settle_properties(document: DocxDocument) -> None:
    """docProps/app.xml names docgen (no page or word counts it cannot know); no thumbnail."""
    package = document.part.package
    assert package is not None
    for rid, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rid]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML, package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
