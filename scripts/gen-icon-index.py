#!/usr/bin/env python3
"""Writes src/icons/index.rs, the sorted name tables the icons pass looks icons up in.

Why a generator: the icondata crates (icondata_fa, icondata_si, icondata_tb) expose every icon as
its own `pub static` (`FaGithubBrands`, `TbSunOutline`, ...) and offer no lookup by name. A
hand-written table of ~8,000 names would drift from the crates; a `build.rs` parsing 12 MB of
crate sources on every clean build would cost compile time for nothing. So this script reads the
crates' sources once, checks every name it emits, and writes plain sorted arrays that
src/icons/mod.rs binary-searches. Rerun it after bumping an icondata crate; CI can run it with
`--check`.

Keys are the crates' own names without prefix and suffix: icondata builds `FaXTwitterBrands` from
Font Awesome's `x-twitter` by upper-casing the first letter of every `-`-separated word and
dropping the dashes, and src/icons/mod.rs applies the same rule to a class name before searching.
Simple Icons keys (`Googlescholar`) are the slug with its first letter upper-cased.

What goes in the index (binary size: each icon referenced here is linked into folio):
  * Font Awesome Free: every solid, regular and brands icon, plus the Font Awesome 5 names that
    Font Awesome 6 still accepts (`rss-square` -> `square-rss`) and the Font Awesome 4 shims
    (`fa fa-envelope-o` -> regular `envelope`), both read from gen-icon-index.fa-aliases.tsv;
  * Tabler: every outline icon (`ti ti-NAME`) and filled icon (`ti ti-NAME-filled`);
  * Academicons (`ai ai-NAME`, also `ai-NAME-square`): the ACADEMICONS table below, mapped to
    Simple Icons where Simple Icons has the same logo, else to the closest Font Awesome or Tabler
    icon (commented there);
  * Simple Icons (`si si-NAME`, the class scheme of simple-icons-font and of Scholar Icons, which
    al-folio uses for LeetCode): only SIMPLE_ICONS below and the Academicons targets, not all
    ~3,300 logos (about 4.5 MB of path data).

Usage:
  python3 scripts/gen-icon-index.py            # rewrite src/icons/index.rs
  python3 scripts/gen-icon-index.py --check    # exit 1 if src/icons/index.rs is out of date
  python3 scripts/gen-icon-index.py --fa-metadata PATH/Font-Awesome/metadata
      # first refresh gen-icon-index.fa-aliases.tsv from a Font Awesome checkout (needs PyYAML)

The crates are found with `cargo metadata` (run from the repository, so Cargo.lock decides the
versions); `cargo fetch` must have downloaded them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "icons" / "index.rs"
ALIASES = Path(__file__).resolve().with_name("gen-icon-index.fa-aliases.tsv")

# Academicons (https://jpswalsh.github.io/academicons/, v1.9) -> target icon.
# Targets: "si:X" = icondata_si::SiX, "fa-solid:X" = icondata_fa::FaXSolid,
# "tb-filled:X" = icondata_tb::TbXFilled. Every name also gets its `-square` variant (same icon).
ACADEMICONS = {
    "academia": "si:Academia",
    "acclaim": "si:Credly",  # Acclaim is now Credly
    "acm": "si:Acm",
    "acmdl": "si:Acm",
    "ads": "si:Nasa",  # NASA ADS
    "africarxiv": "fa-solid:FileLines",  # no logo: a preprint, generic document
    "archive": "si:Internetarchive",
    "arxiv": "si:Arxiv",
    "biorxiv": "fa-solid:FileLines",  # no logo: a preprint, generic document
    "ceur": "fa-solid:Book",  # no logo: workshop proceedings
    "ciencia-vitae": "tb-filled:FileCv",  # no logo: a CV platform, like ai-cv
    "clarivate": "si:Clarivate",
    "closed-access": "fa-solid:Lock",  # no logo: a padlock, as in the Academicons glyph
    "conversation": "si:Theconversation",
    "coursera": "si:Coursera",
    "crossref": "fa-solid:Link",  # no logo: a link (Crossref registers DOIs)
    "cv": "tb-filled:FileCv",  # no logo: Tabler's filled "file-cv" is the same idea as the glyph
    "datacite": "fa-solid:Database",  # no logo: a data registry
    "dataverse": "fa-solid:Database",  # no logo: a data repository
    "dblp": "si:Dblp",
    "depsy": "fa-solid:Code",  # no logo: research software impact
    "doi": "si:Doi",
    "dryad": "fa-solid:Database",  # no logo: a data repository
    "elsevier": "si:Elsevier",
    "erc": "si:Europeanunion",  # European Research Council
    "figshare": "si:Figshare",
    "google-scholar": "si:Googlescholar",
    "hal": "si:Hal",
    "hipeac": "fa-solid:Microchip",  # no logo: computer architecture network
    "hypothesis": "si:Hypothesis",
    "ideas-repec": "fa-solid:ChartLine",  # no logo: economics papers
    "ieee": "si:Ieee",
    "impactstory": "fa-solid:ChartColumn",  # no logo: research impact
    "inaturalist": "fa-solid:Leaf",  # no logo: nature observations
    "inpn": "fa-solid:Leaf",  # no logo: French natural heritage inventory
    "inspire": "si:Inspire",
    "isidore": "fa-solid:MagnifyingGlass",  # no logo: a search engine
    "isni": "fa-solid:IdCard",  # no logo: an identifier
    "jstor": "fa-solid:BookOpen",  # no logo: a journal archive
    "lattes": "fa-solid:AddressCard",  # no logo: Brazil's researcher CV registry
    "mathoverflow": "si:Stackexchange",  # a Stack Exchange site
    "mendeley": "si:Mendeley",
    "moodle": "si:Moodle",
    "mtmt": "fa-solid:Book",  # no logo: Hungarian publication database
    "nakala": "fa-solid:Database",  # no logo: a data repository
    "obp": "fa-solid:BookOpen",  # no logo: Open Book Publishers
    "open-access": "si:Openaccess",
    "open-data": "fa-solid:Database",  # no logo: an open-data badge
    "open-materials": "fa-solid:BoxOpen",  # no logo: an open-materials badge
    "openedition": "fa-solid:BookOpen",  # no logo: a publishing platform
    "orcid": "si:Orcid",
    "osf": "si:Osf",
    "overleaf": "si:Overleaf",
    "philpapers": "fa-solid:Book",  # no logo: philosophy papers
    "piazza": "fa-solid:Comments",  # no logo: a Q&A forum
    "preregistered": "fa-solid:ClipboardCheck",  # no logo: a preregistration badge
    "protocols": "si:Protocolsdotio",
    "psyarxiv": "fa-solid:FileLines",  # no logo: a preprint, generic document
    "publons": "si:Publons",
    "pubmed": "si:Pubmed",
    "pubpeer": "fa-solid:Comments",  # no logo: post-publication comments
    "researcherid": "si:Clarivate",  # ResearcherID is Clarivate's
    "researchgate": "si:Researchgate",
    "ror": "fa-solid:BuildingColumns",  # no logo: research organisations
    "sci-hub": "fa-solid:LockOpen",  # no logo: an open padlock
    "scirate": "fa-solid:Star",  # no logo: rating preprints
    "scopus": "si:Scopus",
    "semantic-scholar": "si:Semanticscholar",
    "springer": "fa-solid:Book",  # no logo in Simple Icons
    "ssrn": "si:Ssrn",
    "stackoverflow": "si:Stackoverflow",
    "wikidata": "si:Wikidata",  # not an Academicon, but written as one in the wild
    "zenodo": "si:Zenodo",
    "zotero": "si:Zotero",
}

# Simple Icons reachable as `si si-NAME` (besides the Academicons targets above): coding and
# research profiles that people link from an academic homepage. Add a slug here to make it
# available; each costs its path data in the binary.
SIMPLE_ICONS = [
    "Bluesky", "Buymeacoffee", "Codechef", "Codeforces", "Codewars", "Geeksforgeeks", "Github",
    "Gitlab", "Googlescholar", "Hackerearth", "Hackerrank", "Huggingface", "Kaggle", "Kofi",
    "Leetcode", "Letterboxd", "Mastodon", "Orcid", "Paperswithcode", "Substack", "Topcoder",
]

# Names al-folio writes that Font Awesome Free does not have: (style, name, target).
FA_EXTRA = [
    ("brands", "zotero", "si:Zotero"),  # jekyll-socials writes `fa-brands fa-zotero`
]

FA_STYLES = ("solid", "regular", "brands")


def pascal(name: str) -> str:
    """Font Awesome / Tabler name -> icondata's name (see src/icons/mod.rs::key)."""
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
    return "".join(w[0].upper() + w[1:] for w in name.split("-"))


def crate_sources() -> dict[str, tuple[str, Path]]:
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    found = {}
    for pkg in meta["packages"]:
        if pkg["name"] in ("icondata_fa", "icondata_si", "icondata_tb"):
            found[pkg["name"]] = (pkg["version"], Path(pkg["manifest_path"]).parent / "src" / "lib.rs")
    missing = {"icondata_fa", "icondata_si", "icondata_tb"} - found.keys()
    if missing:
        sys.exit(f"gen-icon-index: cargo metadata does not list {sorted(missing)}")
    return found


def statics(lib_rs: Path) -> list[str]:
    return re.findall(r"^pub static (\w+): &icondata_core::IconData", lib_rs.read_text(), re.M)


def refresh_aliases(metadata: Path) -> None:
    import yaml  # only needed here

    icons = yaml.safe_load((metadata / "icons.yml").read_text())
    shims = json.loads((metadata / "shims.json").read_text())
    lines = [
        "# Font Awesome names older than Font Awesome 6, for src/icons/index.rs.",
        "# Written by `scripts/gen-icon-index.py --fa-metadata DIR` from Font Awesome Free's",
        "# metadata/icons.yml (aliases.names: Font Awesome 5 names Font Awesome 6 still accepts)",
        "# and metadata/shims.json (the v4 shims: how Font Awesome 6 reads `fa fa-NAME`).",
        "# Source: https://github.com/FortAwesome/Font-Awesome (6.x after release 6.5.1, commit a1232e3; MIT-licensed",
        "# metadata, Copyright Fonticons, Inc.). Aliases are stable across 6.x releases.",
        "# alias<TAB>old name<TAB>Font Awesome 6 name (in every style that name has)",
        "# v4<TAB>old name<TAB>style<TAB>Font Awesome 6 name",
    ]
    for name in sorted(icons, key=str):
        for alias in sorted((icons[name].get("aliases") or {}).get("names") or []):
            lines.append(f"alias\t{alias}\t{name}")
    prefixes = {None: "solid", "far": "regular", "fab": "brands"}
    # Entries are [old name or old unicode, prefix or null (= solid), new name or null (= same)].
    for old, prefix, new in sorted(s for s in shims if isinstance(s[0], str)):
        lines.append(f"v4\t{old}\t{prefixes[prefix]}\t{new or old}")
    ALIASES.write_text("\n".join(lines) + "\n")


def generate() -> str:
    crates = crate_sources()
    fa_idents = statics(crates["icondata_fa"][1])
    si_idents = set(statics(crates["icondata_si"][1]))
    tb_idents = statics(crates["icondata_tb"][1])

    fa: dict[str, dict[str, str]] = {style: {} for style in FA_STYLES}
    for ident in fa_idents:
        m = re.fullmatch(r"Fa(\w+?)(Solid|Regular|Brands)", ident)
        assert m, ident
        fa[m.group(2).lower()][m.group(1)] = f"fa::{ident}"

    def target(spec: str) -> str:
        kind, name = spec.split(":")
        path = {
            "si": f"si::Si{name}",
            "fa-solid": f"fa::Fa{name}Solid",
            "tb-filled": f"tb::Tb{name}Filled",
        }[kind]
        ident = path.split("::")[1]
        known = {"si": si_idents, "fa-solid": set(fa_idents), "tb-filled": set(tb_idents)}[kind]
        if ident not in known:
            sys.exit(f"gen-icon-index: {spec} is not an icon of the crate")
        return path

    v4: dict[str, str] = {}
    real = {style: set(table) for style, table in fa.items()}
    for line in ALIASES.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        kind, old, *rest = line.split("\t")
        if kind == "alias":
            (new,) = rest
            for style in FA_STYLES:
                ident = fa[style].get(pascal(new))
                if ident and pascal(old) not in real[style]:
                    fa[style][pascal(old)] = ident
        elif kind == "v4":
            style, new = rest
            ident = fa[style].get(pascal(new))
            if ident is None:
                sys.exit(f"gen-icon-index: v4 shim {old} -> {style} {new}: no such icon")
            v4[pascal(old)] = ident
        else:
            sys.exit(f"gen-icon-index: bad line in {ALIASES.name}: {line!r}")
    for style, name, spec in FA_EXTRA:
        assert pascal(name) not in fa[style], name
        fa[style][pascal(name)] = target(spec)

    tb: dict[str, dict[str, str]] = {"Outline": {}, "Filled": {}}
    for ident in tb_idents:
        m = re.fullmatch(r"Tb(\w+?)(Outline|Filled)", ident)
        assert m, ident
        tb[m.group(2)][m.group(1)] = f"tb::{ident}"
    # `ti-NAME-filled` is looked up as NAME in the filled table: no outline name may end so.
    assert not [k for k in tb["Outline"] if k.endswith("Filled")]

    ai: dict[str, str] = {}
    si: dict[str, str] = {}
    for name, spec in ACADEMICONS.items():
        path = target(spec)
        ai[pascal(name)] = path
        ai[pascal(name + "-square")] = path
        if spec.startswith("si:"):
            si[spec[3:]] = path
    for slug in SIMPLE_ICONS:
        si[slug] = target(f"si:{slug}")

    versions = ", ".join(f"{name} {crates[name][0]}" for name in sorted(crates))
    out = [
        "// @generated by scripts/gen-icon-index.py from " + versions + ".",
        "// Do not edit: change the script (or its .tsv) and run `python3 scripts/gen-icon-index.py`.",
        "",
        "//! The icon name tables [`super::lookup`] binary-searches, one per icon family and style.",
        "//!",
        "//! Generated because the icondata crates expose each icon as its own `static` with no lookup",
        "//! by name: the script reads their sources, checks every name, and writes these sorted arrays.",
        "//! Keys are icondata's names without prefix and style: `XTwitter` for `fa-x-twitter`,",
        "//! `SunMoon` for `ti-sun-moon`, `Googlescholar` for Simple Icons' `googlescholar`.",
        "",
        "use icondata_core::Icon;",
        "use icondata_fa as fa;",
        "use icondata_si as si;",
        "use icondata_tb as tb;",
        "",
        "/// A key and its icon.",
        "pub(super) type Entry = (&'static str, Icon);",
    ]

    def table(name: str, doc: str, entries: dict[str, str]) -> None:
        keys = sorted(entries)
        assert all(k.isascii() for k in keys)
        out.append("")
        out.append(f"/// {doc} ({len(keys)} keys).")
        out.append(f"pub(super) static {name}: &[Entry] = &[")
        for k in keys:
            item = f'("{k}", {entries[k]})'
            if len(item) <= 62:  # rustfmt's fn_call_width (60) between the parentheses
                out.append(f"    {item},")
            else:
                out.extend(["    (", f'        "{k}",', f"        {entries[k]},", "    ),"])
        out.append("];")

    table("FA_SOLID", "Font Awesome Free solid (`fa-solid`, `fas`), with Font Awesome 5 names", fa["solid"])
    table("FA_REGULAR", "Font Awesome Free regular (`fa-regular`, `far`), with Font Awesome 5 names", fa["regular"])
    table("FA_BRANDS", "Font Awesome Free brands (`fa-brands`, `fab`), with Font Awesome 5 names", fa["brands"])
    table("FA_V4", "Font Awesome 4 names (`fa fa-NAME`) that Font Awesome 6 shims to another name or style", v4)
    table("TB_OUTLINE", "Tabler outline icons (`ti ti-NAME`)", tb["Outline"])
    table("TB_FILLED", "Tabler filled icons (`ti ti-NAME-filled`), keyed without `-filled`", tb["Filled"])
    table("ACADEMICONS", "Academicons (`ai ai-NAME`), mapped as in scripts/gen-icon-index.py", ai)
    table("SIMPLE_ICONS", "Simple Icons (`si si-NAME`): a chosen subset, keyed by slug", si)
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the index is out of date")
    parser.add_argument("--fa-metadata", type=Path, help="Font Awesome checkout's metadata/ dir")
    args = parser.parse_args()
    if args.fa_metadata:
        refresh_aliases(args.fa_metadata)
    text = generate()
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is out of date: run python3 scripts/gen-icon-index.py")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
