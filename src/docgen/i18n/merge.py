"""``i18n update``: the template merged into a catalog, as msgmerge does, without churn.

An entry whose content the merge leaves as it was keeps its text byte for byte, however the
last tool (Poedit, Weblate, msgcat, a text editor) laid it out; a new or changed entry is
written as msgcat writes it. The header keeps its fields and their order (``X-Generator``,
``X-Poedit-*`` …); docgen sets only what it owns.
"""

from __future__ import annotations

from dataclasses import replace

from . import plurals, po
from .languages import Domain, Language

ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
         "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
         "Content-Transfer-Encoding", "Plural-Forms", "X-Source-Language")
DROPPED = ("Generated-By",)           # Babel's stamp: docgen writes the catalogs now
EMPTY_DATE = "YEAR-MO-DA HO:MI+ZONE"
COMMENT = ["docgen: {what}.", "Edit msgstr lines only; keep every {{placeholder}} as it is.",
           "Check with `docgen i18n check`.", ""]


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


def _fields(old: dict[str, str], template: dict[str, str], language: Language,
            domain: Domain) -> dict[str, str]:
    """The catalog's header: the old fields, with what docgen owns set."""
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


def _nplurals(fields: dict[str, str]) -> int:
    try:
        return plurals.parse(fields.get("Plural-Forms")).nplurals
    except ValueError:
        return 2


def merge(template: list[po.Entry], old: list[po.Entry], language: Language, domain: Domain,
          reformat: bool = False) -> tuple[list[po.Entry], dict[str, int]]:
    """Template + the old catalog → the new catalog's entries. No translation is lost.

    Same context and msgid: kept (an obsolete one comes back). Same (data-path) context,
    new msgid: fuzzy, with the previous msgid kept (``#| msgid``). New: empty. Gone, but
    translated: obsolete (``#~``).
    """
    template_head = po.header(template)
    old_head = next((e for e in old if e.is_header), None)
    fields = _fields(po.header(old), template_head, language, domain)
    live = [e for e in old if not e.is_header and not e.obsolete]
    olds = {e.key: e for e in live}
    for e in old:
        if e.obsolete and not e.is_header:
            olds.setdefault(e.key, e)
    by_context: dict[str, list[po.Entry]] = {}
    for e in live:
        if e.msgctxt:
            by_context.setdefault(e.msgctxt, []).append(e)
    stats = {"kept": 0, "fuzzy": 0, "new": 0, "obsolete": 0}
    used: set[int] = set()
    out: list[po.Entry] = []
    nplurals = _nplurals(fields)
    for t in (e for e in template if not e.is_header):
        fresh = po.Entry(line=0, msgctxt=t.msgctxt, msgid=t.msgid, msgid_plural=t.msgid_plural,
                         msgstr=[""] * (nplurals if t.msgid_plural is not None else 1),
                         flags=set(t.flags) - {"fuzzy"}, extracted=list(t.extracted),
                         references=list(dict.fromkeys(t.references)))
        previous = olds.get(t.key)
        moved = by_context.get(t.msgctxt or "", [])
        if previous is not None:                       # unchanged source text
            fresh.msgstr = _forms(previous.msgstr, fresh.msgstr)
            fresh.flags |= previous.flags & {"fuzzy"}
            fresh.previous = list(previous.previous) if previous.fuzzy else []
            stats["kept"] += 1
        elif len(moved) == 1 and id(moved[0]) not in used and any(moved[0].msgstr):
            previous = moved[0]                        # same place, new source text
            fresh.msgstr = _forms(previous.msgstr, fresh.msgstr)
            fresh.flags.add("fuzzy")
            fresh.previous = [f'msgctxt "{po.escape(previous.msgctxt or "")}"',
                              f'msgid "{po.escape(previous.msgid)}"']
            stats["fuzzy"] += 1
        else:
            stats["new"] += 1
        if previous is not None:
            fresh.comments = list(previous.comments)
            used.add(id(previous))
            if not reformat and fresh.same(previous):
                fresh.raw = previous.raw
        out.append(fresh)
    for e in old:                                      # gone from the template: obsolete
        if e.is_header or id(e) in used or not any(e.msgstr):
            continue
        gone = e if e.obsolete else replace(e, obsolete=True, references=[], extracted=[],
                                            flags=e.flags & {"fuzzy"}, raw=None)
        stats["obsolete"] += 0 if e.obsolete else 1
        out.append(replace(gone, raw=None) if reformat else gone)
    comment = comments(f"{language.name} {domain.name} catalog")
    if old_head is not None and not (reformat and (old_head.comments or ["docgen:"])[0]
                                     .startswith("docgen:")):
        comment = old_head.comments
    head = header_entry(fields, comment, canonical=reformat or old_head is None)
    if old_head is not None and not reformat:
        if head.same(old_head):
            head.raw = old_head.raw
        body = [e for e in old if not e.is_header]
        if po.dump(out) == po.dump(body):                # nothing else changed: keep its date
            kept = {**fields, "POT-Creation-Date": po.header(old).get("POT-Creation-Date", "")}
            head = header_entry(kept, comment, canonical=False)
            head.raw = old_head.raw if head.same(old_head) else None
    return [head, *out], stats


def _forms(old: list[str], fresh: list[str]) -> list[str]:
    """The old translation in as many forms as the entry needs.

    Missing plural forms are added empty; extra ones are dropped only when they repeat the
    last needed form (a catalog moved from CLDR's three French forms to gettext's two):
    no translation is lost.

    >>> _forms(["page", "pages", "pages"], ["", ""]), _forms(["a", "b", "c"], ["", ""])
    (['page', 'pages'], ['a', 'b', 'c'])
    """
    if len(fresh) == 1:
        return [(old or [""])[0]]
    extra = old[len(fresh):]
    if extra and all(form in ("", old[len(fresh) - 1]) for form in extra):
        return list(old[:len(fresh)])
    return list(old) + [""] * (len(fresh) - len(old))
