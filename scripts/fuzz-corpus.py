#!/usr/bin/env python3
"""Seed corpora for folio's fuzz targets, made from the repository's own inputs.

Writes fuzz/corpus/<target>/seed-<sha1> files (content-named, so a rerun adds nothing that is
already there and never removes what the fuzzer found):

  rewrite_page  every page of the demo's real Zola output (tests/fixtures/demo/**/*.html), the
                edge pages (tests/pages/*.html) and the HTML of the import fixtures
  import        every Markdown and HTML file of the import fixtures (tests/import-fixtures),
                the demo's content/*.md, and Jekyll dates in the forms al-folio sites use
  bibtex        the BibTeX files of the fixtures, each of their entries and field values, and
                the data-tex values of the demo's publications page
  config        the demo's config.toml, the theme's config.example.toml, and each of them
                followed by a NUL byte and the theme's theme.toml (the target reads the part
                after a NUL byte as theme.toml)
  math          every formula of the demo's content and the fixtures, inline (first byte 0) and
                display (first byte 1)
  css           the demo's stylesheets and the renderer tests' stylesheets

Every input committed under tests/regressions/<target>/ is added too. Usage:
scripts/fuzz-corpus.py [REPO]  (default: the repository this script is in).
"""

import hashlib
import html
import pathlib
import re
import sys

REPO = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
OUT = REPO / "fuzz" / "corpus"

DATES = [
    "2015-10-20", "2015-3-5", "2015-10-20 11:12:00-0400", "2015-10-20 11:12 -04:00",
    "2015-10-20T11:12:00Z", "2015-10-20 11:12:00 +0100", "2015-10-20T11:12:00.123+05:30",
    "'2016-01-02'", "\"2016-01-02 08:00\"", "2024-02-29", "2023-02-29", "2015-03-15-title.md",
]

FORMULA = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\\((.+?)\\\)|\$([^$\n]+?)\$", re.S)


def files(root, *patterns):
    for pattern in patterns:
        yield from sorted(p for p in (REPO / root).glob(pattern) if p.is_file())


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    if not data:
        return 0
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    path = d / ("seed-" + hashlib.sha1(data).hexdigest())
    if path.exists():
        return 0
    path.write_bytes(data)
    return 1


def bib_pieces(text):
    """Whole entries (from an @ at a line start) and the values of their fields."""
    entries = re.split(r"(?m)^(?=@)", text)
    for entry in entries:
        if entry.strip():
            yield entry
        for m in re.finditer(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", entry):
            yield m.group(1)


def main():
    counts = {}

    def add(target, data):
        counts[target] = counts.get(target, 0) + write(target, data)

    for p in files("tests/fixtures/demo", "**/*.html"):
        add("rewrite_page", p.read_bytes())
        for m in re.finditer(r'data-tex="([^"]*)"', p.read_text(errors="replace")):
            add("bibtex", html.unescape(m.group(1)))
    for p in files("tests/pages", "*.html"):
        add("rewrite_page", p.read_bytes())
    for p in files("tests/import-fixtures", "**/*.html"):
        add("rewrite_page", p.read_bytes())

    for p in files("tests/import-fixtures", "**/*.md", "**/*.html", "**/*.markdown"):
        add("import", p.read_bytes())
    for p in files("content", "**/*.md"):
        add("import", p.read_bytes())
    for d in DATES:
        add("import", d)
    add("import", "---\n" + "".join(f"date{i}: {d}\n" for i, d in enumerate(DATES)) + "---\nbody\n")

    for p in files("tests/import-fixtures", "**/*.bib"):
        text = p.read_text(errors="replace")
        add("bibtex", text)
        for piece in bib_pieces(text):
            add("bibtex", piece)
    for p in files("tests/fixtures/demo", "**/*.bib"):
        add("bibtex", p.read_bytes())

    theme = (REPO / "theme" / "theme.toml").read_bytes()
    for p in [REPO / "config.toml", REPO / "theme" / "config.example.toml"]:
        if p.is_file():
            add("config", p.read_bytes())
            add("config", p.read_bytes() + b"\0" + theme)
    add("config", b'theme = "folio"\n[extra.folio]\nmath = true\n\0' + theme)

    sources = list(files("content", "**/*.md")) + list(files("tests/import-fixtures", "**/*.md"))
    for p in sources:
        for m in FORMULA.finditer(p.read_text(errors="replace")):
            display = m.group(1) is not None or m.group(2) is not None
            latex = next(g for g in m.groups() if g is not None)
            add("math", bytes([1 if display else 0]) + latex.encode())

    for p in list(files("tests/fixtures/demo", "**/*.css")) + list(files("tests/renderers", "**/*.css")):
        add("css", p.read_bytes())

    for target_dir in sorted((REPO / "tests" / "regressions").glob("*")):
        for p in sorted(target_dir.iterdir()):
            if p.is_file():
                add(target_dir.name, p.read_bytes())

    for target in sorted(counts):
        total = len(list((OUT / target).iterdir()))
        print(f"fuzz-corpus: {target}: {counts[target]} new seeds, {total} inputs in fuzz/corpus/{target}")


if __name__ == "__main__":
    main()
