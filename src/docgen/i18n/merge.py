"""``i18n update``: the template merged into a catalog, as msgmerge does, without churn.

An entry whose content the merge leaves as it was keeps its text byte for byte, however the
last tool (Poedit, Weblate, msgcat, a text editor) laid it out; a new or changed entry is
written as msgcat writes it. The header keeps its fields and their order (``X-Generator``,
``X-Poedit-*`` …); docgen sets only what it owns.
"""

from __future__ import annotations

from dataclasses import replace

from . import po
from .header import catalog_fields, comments, header, header_entry, nplurals
from .languages import Domain, Language
from .quoting import escape, previous_fields


def same(a: po.Entry, b: po.Entry) -> bool:
    """The same content (whatever the layout): such an entry keeps its text as read."""
    def content(e: po.Entry) -> tuple[object, ...]:
        return (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.flags, e.comments, e.extracted,
                e.references, previous_fields(e.previous), e.obsolete)
    return content(a) == content(b)


def merge(template: list[po.Entry], old: list[po.Entry], language: Language, domain: Domain,
          reformat: bool = False) -> tuple[list[po.Entry], dict[str, int]]:
    """Template + the old catalog → the new catalog's entries. No translation is lost.

    Same context and msgid: kept (an obsolete one comes back). Same (data-path) context,
    new msgid: fuzzy, with the previous msgid kept (``#| msgid``). New: empty. Gone, but
    translated: obsolete (``#~``).
    """
    template_head = header(template)
    old_head = next((e for e in old if e.is_header), None)
    fields = catalog_fields(header(old), template_head, language, domain)
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
    forms = nplurals(fields)
    for t in (e for e in template if not e.is_header):
        fresh = po.Entry(line=0, msgctxt=t.msgctxt, msgid=t.msgid, msgid_plural=t.msgid_plural,
                         msgstr=[""] * (forms if t.msgid_plural is not None else 1),
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
            fresh.previous = [f'msgctxt "{escape(previous.msgctxt or "")}"',
                              f'msgid "{escape(previous.msgid)}"']
            stats["fuzzy"] += 1
        else:
            stats["new"] += 1
        if previous is not None:
            fresh.comments = list(previous.comments)
            used.add(id(previous))
            if not reformat and same(fresh, previous):
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
        if same(head, old_head):
            head.raw = old_head.raw
        body = [e for e in old if not e.is_header]
        if po.dump(out) == po.dump(body):                # nothing else changed: keep its date
            kept = {**fields, "POT-Creation-Date": header(old).get("POT-Creation-Date", "")}
            head = header_entry(kept, comment, canonical=False)
            head.raw = old_head.raw if same(head, old_head) else None
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
