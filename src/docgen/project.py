"""Where a docgen project keeps its inputs and outputs, and the edition date they imply."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from .errors import DocgenError, Problem, UsageError
from .files import code_version, digest, write_atomic
from .i18n.languages import Language, load_languages
from .i18n.style import Style

# Each format and its file in output/<lang>/; a plain build makes them all.
OUTPUTS = {"pdf": "brochure-{lang}.pdf", "print": "brochure-{lang}-print.pdf",
           "docx": "briefing-{lang}.docx", "html": "brochure-{lang}.html"}
FORMATS = tuple(OUTPUTS)
PDF_FORMATS = ("pdf", "print")          # built from the brochure's templates
# The print edition's output intent: a CMYK ICC profile (the print shop's, usually).
PROFILE_VARIABLE = "DOCGEN_CMYK_PROFILE"
DEFAULT_PROFILE = "/usr/share/color/icc/ghostscript/default_cmyk.icc"   # Debian: libgs-common


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def source(self) -> Path:
        return self.root / "data" / "partnerships.yaml"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @cached_property
    def languages(self) -> dict[str, Language]:
        """The language list (``locales/languages.yaml`` and ``style.yaml``), validated.

        Kept in ``output/.cache/languages.json`` under the hash of both files and of the
        code: a build that changed neither does not parse YAML again.
        """
        files = [self.locales / "languages.yaml", self.locales / "style.yaml"]
        key = digest([f for f in files if f.exists()], self.root, code_version())
        cache = self.output / ".cache" / "languages.json"
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data["key"] == key:
                return {code: Language(code, d["locale"], d["name"], Style(**d["style"]))
                        for code, d in data["languages"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            pass                        # none, another version's, or damaged: read the YAML
        found = load_languages(self.locales)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, json.dumps({"key": key, "languages": {
                code: {"locale": x.locale, "name": x.name, "style": asdict(x.style)}
                for code, x in found.items()}}, ensure_ascii=False).encode("utf-8"))
        except (OSError, DocgenError):
            pass                        # a read-only project still builds
        return found

    def select(self, codes: tuple[str, ...] | list[str]) -> list[Language]:
        """The languages asked for (all when none); an unknown one is a usage error."""
        unknown = [c for c in codes if c not in self.languages]
        if unknown:
            raise UsageError([Problem("docgen", None, f"unknown language {', '.join(unknown)}; "
                                      f"supported: {', '.join(self.languages)}")])
        return [self.languages[c] for c in (codes or list(self.languages))]

    def output_path(self, lang: str, fmt: str) -> Path:
        return self.output / lang / OUTPUTS[fmt].format(lang=lang)

    def cmyk_profile(self) -> Path:
        """The print edition's colour profile: $DOCGEN_CMYK_PROFILE (relative to the project
        folder) or Debian's default CMYK profile."""
        return self.root / os.environ.get(PROFILE_VARIABLE, DEFAULT_PROFILE)

    def edition(self) -> dt.datetime:
        """The edition date: SOURCE_DATE_EPOCH, else the last commit of the inputs.

        Never the clock: the same inputs give the same documents, at any time.
        """
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            try:
                return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
            except ValueError:
                raise UsageError(
                    f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}") from None
        try:
            out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "data", "locales",
                                  "templates"], cwd=self.root, capture_output=True, text=True,
                                 timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                return dt.datetime.fromtimestamp(int(out.stdout.strip()), dt.UTC
                                                 ).replace(tzinfo=None)
        except (OSError, subprocess.SubprocessError):
            pass
        newest = max(p.stat().st_mtime for p in [self.source, *self.locales.rglob("*.po")])
        return dt.datetime.fromtimestamp(int(newest), dt.UTC).replace(tzinfo=None)

    def check_exists(self) -> None:
        if not self.source.is_file():
            raise DocgenError([Problem(str(self.source), None,
                                       "no docgen source here, nor in a folder above: run "
                                       "docgen inside the project folder or pass --root")])
