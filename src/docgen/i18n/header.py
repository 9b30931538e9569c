"""The header entry (``msgid ""``): its fields as read, and the fields docgen writes into a
template or a catalog, in gettext's order.

>>> fields = {"Language": "fr", "Project-Id-Version": "docgen 1"}
>>> header([header_entry(fields, [], canonical=True)])
{'Project-Id-Version': 'docgen 1', 'Language': 'fr'}
"""

from __future__ import annotations

from . import plurals, po
from .languages import Domain, Language

ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
         "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
         "Content-Transfer-Encoding", "Plural-Forms", "X-Source-Language")
DROPPED = ("Generated-By",)           # Babel's stamp: docgen writes the catalogs now
EMPTY_DATE = "YEAR-MO-DA HO:MI+ZONE"
COMMENT = ["docgen: {what}.", "Edit msgstr lines only; keep every {{placeholder}} as it is.",
           "Check with `docgen i18n check`.", ""]


def header(entries: list[po.Entry]) -> dict[str, str]:
    """The header entry's fields (``Language``, ``Plural-Forms`` …), in their order."""
    for entry in entries:
        if entry.is_header and entry.msgstr:
            fields = (line.partition(":") for line in entry.msgstr[0].splitlines())
            return {name.strip(): value.strip() for name, sep, value in fields if sep}
    return {}


def comments(what: str) -> list[str]:
    return [line.format(what=what) for line in COMMENT]


def header_entry(fields: dict[str, str], comment: list[str], canonical: bool) -> po.Entry:
    """The header entry; ``canonical`` puts the fields in gettext's order."""
    if canonical:
        known = [k for k in ORDER if k in fields]
        fields = {k: fields[k] for k in known + [k for k in fields if k not in ORDER]}
    text = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return po.Entry(line=0, msgid="", msgstr=[text], comments=list(comment))


def template_fields(edition: str, source_lang: str) -> dict[str, str]:
    return {"Project-Id-Version": "docgen 1", "Report-Msgid-Bugs-To": "communications team",
            "POT-Creation-Date": edition, "PO-Revision-Date": EMPTY_DATE,
            "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
            "Language-Team": "LANGUAGE <LL@li.org>", "Language": "", "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
            "X-Source-Language": source_lang}


def catalog_fields(old: dict[str, str], template: dict[str, str], language: Language,
                   domain: Domain) -> dict[str, str]:
    """A catalog's header after a merge: the old fields, with what docgen owns set."""
    fields = dict(old) or {**template, "Language-Team": language.name}
    for name in DROPPED:
        fields.pop(name, None)
    for name in ("Project-Id-Version", "Report-Msgid-Bugs-To"):
        if name in template:
            fields.setdefault(name, template[name])
    fields["POT-Creation-Date"] = template.get("POT-Creation-Date", "")   # as msgmerge does
    if fields.get("Language") not in (language.code, language.locale):
        fields["Language"] = language.code
    fields.update({"MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"})
    if not fields.get("Plural-Forms"):      # a catalog's own rule is never replaced
        fields["Plural-Forms"] = plurals.for_language(language.code)
    fields["X-Source-Language"] = domain.source_lang
    return fields


def nplurals(fields: dict[str, str]) -> int:
    """The number of plural forms the fields' rule has (2 when it has none or a bad one)."""
    try:
        return plurals.parse(fields.get("Plural-Forms")).nplurals
    except ValueError:
        return 2
