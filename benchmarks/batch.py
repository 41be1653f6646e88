"""Batch benchmark: a whole round of 73 dossiers of 30-45 pages, through the real CLI.

    python benchmarks/batch.py                 # generate (once, cached) and measure
    python benchmarks/batch.py --data DIR      # measure the PDFs in DIR/pdf instead
    python benchmarks/batch.py --generate-only # only build the dossiers

Generation: each dossier starts from one of the labelled sample sources
(samples/src, samples/heldout/src), is lengthened with sections of the same kind from
other sources (a visie chapter gains visie sections, ...) and with templated appendices
(school lists, year planning, minutes of the steering group, budget, evaluation tables)
drawn with a per-dossier seed, so that all 73 are distinct. Markdown goes through
samples/build.py: python-docx, then ONE soffice call for all PDFs. The result is
cached in benchmarks/data/ (gitignored); a dossier is rebuilt only when its source
changes.

Measured, in one run:

1. the floor: plain pypdfium2 text extraction of the same PDFs (per page
   get_textpage().get_text_range()), in this process, one core;
2. the batch: `assess DIR --format json --out-dir OUT --no-cache` as a subprocess:
   wall time, pages/s, the workers' CPU time and the peak RSS of every worker (the
   batch module writes them to $ASSESSOR_BATCH_STATS);
3. a cached run (fills a fresh cache) and two unchanged re-runs, with their cache hits
   (the cache key holds a hash of the engine's code: an edit between runs is a miss);
4. one dossier end to end (`assess ONE.pdf --format json --no-cache`), interpreter
   start included: best and median of five.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
SOURCES = sorted((ROOT / "samples" / "src").glob("*.md")) + sorted((ROOT / "samples" / "heldout" / "src").glob("*.md"))  # text only, no labels
COUNT = 73
#: Words of Markdown per PDF page, measured on the generated dossiers (LibreOffice,
#: python-docx default template, tables included). Used to aim at 30-45 pages.
WORDS_PER_PAGE = 350
GENERATOR_VERSION = "4"

# --------------------------------------------------------------------------- generation

_KINDS = (
    ("visie", r"visie|kompas|waar (?:wij|we) voor staan"),
    ("samenwerking", r"samenwerking|organisatie|bouwstenen"),
    ("professionalisering", r"professional"),
    ("kwaliteitszorg", r"kwaliteit|meten en weten|hoe we weten"),
    ("plan", r"ontwikkelplan|plannen|het plan|ambities|planning|willen staan"),
)


def _kind(heading: str) -> str:
    low = heading.lower()
    for kind, pattern in _KINDS:
        if re.search(pattern, low):
            return kind
    return "other"


def _split(path: Path) -> tuple[str, list[tuple[str, str, list[str]]]]:
    """Front matter and chapters (# heading) of a sample source."""
    text = path.read_text(encoding="utf-8")
    front = ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front, text = text[: end + 4], text[end + 4 :]
    chapters: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# "):
            chapters.append((line[2:].strip(), _kind(line[2:]), []))
        elif chapters:
            chapters[-1][2].append(line)
    return front, chapters


def _demote(lines: list[str]) -> list[str]:
    return [("#" + line if line.startswith("## ") else line) for line in lines]


PLACES = ("Zwolle", "Deventer", "Kampen", "Apeldoorn", "Amersfoort", "Tiel", "Culemborg", "Ede", "Veenendaal",
          "Almelo", "Hengelo", "Enschede", "Assen", "Emmen", "Meppel", "Hoogeveen", "Leeuwarden", "Sneek", "Heerenveen",
          "Drachten", "Breda", "Tilburg", "Oss", "Uden", "Venlo", "Roermond", "Sittard", "Gouda", "Alphen aan den Rijn",
          "Leiden", "Delft", "Zoetermeer", "Dordrecht", "Gorinchem", "Middelburg", "Goes", "Terneuzen", "Harderwijk",
          "Nijkerk", "Hilversum", "Zaandam", "Purmerend", "Hoorn", "Alkmaar", "Den Helder", "Lelystad", "Almere")
SCHOOL_WORDS = ("De Regenboog", "De Wielewaal", "Sint Martinus", "Het Kompas", "De Vlinderboom", "De Horizon",
                "Het Baken", "De Sterrenwachter", "De Klimop", "Het Palet", "De Wegwijzer", "De Zonnewijzer",
                "Het Anker", "De Springplank", "De Toren", "Het Lyceum", "College", "Montessorischool",
                "Daltonschool", "De Linde", "De Esch", "Het Mozaïek", "De Fontein", "De Brink", "Het Startpunt")
NAMES = ("Annemiek de Vries", "Bart Jansen", "Carla Mulder", "Dirk Bosman", "Esra Yilmaz", "Frank de Wit",
         "Gerda Smit", "Hamid Benali", "Ilse Kramer", "Joost van Leeuwen", "Karin Postma", "Lotte Hendriks",
         "Mohamed Amrani", "Nienke Dijkstra", "Olaf Visser", "Petra Brouwer", "Ruben Meijer", "Sanne de Boer",
         "Tom Peeters", "Yvonne van Dijk")
ROLES = ("de schoolopleider", "de instituutsopleider", "de projectleider", "de voorzitter van de stuurgroep",
         "een werkplekbegeleider", "de coördinator samen opleiden", "de bestuurder", "een schoolleider",
         "de kwaliteitsmedewerker", "een student uit de studentenraad")
TOPICS = ("de evaluatie van het praktijkcurriculum", "de begeleiding van zij-instromers", "de inzet van de middelen",
          "de scholing van werkplekbegeleiders", "de planning van de opleidingsdagen", "de studenttevredenheid",
          "de samenwerking met de lerarenopleiding", "het onderzoek van de kenniskring",
          "de verdeling van stageplaatsen", "de beoordeling van studenten", "het inductieprogramma voor startende leraren",
          "de ervaringen van de kernscholen", "de jaarrapportage aan het platform", "de werving van nieuwe leraren")
OPENERS = ("De stuurgroep bespreekt {topic}.", "Op de agenda staat {topic}.", "{role_cap} licht {topic} toe.",
           "Naar aanleiding van het vorige overleg komt {topic} opnieuw aan de orde.")
MIDDLES = ("{name} geeft aan dat de scholen in {place} hier goede ervaringen mee hebben opgedaan.",
           "Uit de gesprekken met {count} studenten blijkt dat de afstemming tussen school en opleiding beter verloopt dan vorig jaar.",
           "Er wordt afgesproken dat {role} voor de volgende bijeenkomst een voorstel uitwerkt.",
           "De aanwezigen zijn het erover eens dat dit onderwerp ook in de werkgroep professionalisering besproken moet worden.",
           "{name} merkt op dat de roosters van de scholen in {place} nog niet goed op elkaar aansluiten.",
           "Het concept wordt met enkele kleine wijzigingen vastgesteld.",
           "Besloten wordt om de ervaringen in {month} te delen tijdens de gezamenlijke studiedag.",
           "De kosten vallen binnen de begroting van dit schooljaar.",
           "Er is behoefte aan een korte handreiking voor nieuwe werkplekbegeleiders.",
           "{role_cap} zegt toe de uitkomsten met de schoolleiders te bespreken.")
MONTHS = ("september", "oktober", "november", "december", "januari", "februari", "maart", "april", "mei", "juni")
ACTIVITIES = ("Startbijeenkomst studenten", "Intervisie werkplekbegeleiders", "Opleidingsdag op de kernscholen",
              "Overleg stuurgroep", "Kenniskring praktijkonderzoek", "Tussentijdse evaluatie", "Studiedag samen opleiden",
              "Assessment leerjaar 4", "Scholing nieuwe werkplekbegeleiders", "Jaarevaluatie en bijstelling")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random, bank: tuple[str, ...]) -> str:
    role = rng.choice(ROLES)
    return rng.choice(bank).format(topic=rng.choice(TOPICS), role=role, role_cap=_cap(role), name=rng.choice(NAMES),
                                   place=rng.choice(PLACES), count=rng.randint(6, 40), month=rng.choice(MONTHS))


def _school_table(rng: random.Random, n: int) -> list[str]:
    rows = ["| School | Plaats | Leerlingen | Werkplekbegeleiders | Studenten 2024-2025 |", "|---|---|---|---|---|"]
    for _ in range(n):
        rows.append(f"| {rng.choice(SCHOOL_WORDS)} {rng.choice(PLACES)} | {rng.choice(PLACES)} | {rng.randint(120, 1800)} "
                    f"| {rng.randint(1, 9)} | {rng.randint(2, 30)} |")
    return rows


def _appendix(rng: random.Random, kind: int, number: int) -> list[str]:
    label = f"Bijlage {number}"
    if kind == 0:
        return [f"## {label} Overzicht van de deelnemende scholen", "",
                "In deze bijlage staan alle scholen die aan het partnerschap deelnemen, met het aantal leerlingen, "
                "het aantal opgeleide werkplekbegeleiders en het aantal studenten in het lopende schooljaar.", "",
                *_school_table(rng, rng.randint(18, 40)), ""]
    if kind == 1:
        rows = ["| Maand | Activiteit | Wie | Plaats |", "|---|---|---|---|"]
        for month in MONTHS:
            for _ in range(rng.randint(1, 3)):
                rows.append(f"| {month} | {rng.choice(ACTIVITIES)} | {_cap(rng.choice(ROLES))} | {rng.choice(PLACES)} |")
        return [f"## {label} Jaarplanning", "", "De jaarplanning wordt elk voorjaar door de stuurgroep vastgesteld.", "",
                *rows, ""]
    if kind == 2:
        out = [f"## {label} Verslagen van de stuurgroep", ""]
        for m in rng.sample(MONTHS, rng.randint(4, 7)):
            out += [f"### Overleg {rng.randint(1, 28)} {m}", ""]
            for _ in range(rng.randint(3, 5)):
                out += [" ".join([_sentence(rng, OPENERS)] + [_sentence(rng, MIDDLES) for _ in range(rng.randint(2, 5))]), ""]
        return out
    if kind == 3:
        rows = ["| Post | 2025 | 2026 | 2027 |", "|---|---|---|---|"]
        for post in ("Schoolopleiders", "Werkplekbegeleiding", "Instituutsopleiders", "Scholing", "Kenniskring",
                     "Coördinatie", "Studiedagen", "Materiaal en ict", "Onvoorzien"):
            rows.append(f"| {post} | € {rng.randint(8, 140)}.{rng.randint(100, 999)} | € {rng.randint(8, 140)}.{rng.randint(100, 999)} "
                        f"| € {rng.randint(8, 140)}.{rng.randint(100, 999)} |")
        return [f"## {label} Begroting", "", "De begroting is gebaseerd op de subsidie en de eigen bijdrage van de besturen.", "",
                *rows, ""]
    rows = ["| School | Tevredenheid studenten | Tevredenheid begeleiders | Respons |", "|---|---|---|---|"]
    for _ in range(rng.randint(12, 30)):
        rows.append(f"| {rng.choice(SCHOOL_WORDS)} {rng.choice(PLACES)} | {rng.randint(60, 92) / 10:.1f} | "
                    f"{rng.randint(60, 92) / 10:.1f} | {rng.randint(35, 95)}% |")
    return [f"## {label} Uitkomsten van de tevredenheidspeiling", "",
            "De peiling is in het voorjaar afgenomen onder studenten en werkplekbegeleiders van alle scholen.", "", *rows, ""]


PAGES = (30, 45)


def dossier_markdown(index: int, sources: list[Path] = SOURCES, scale: float = 1.0) -> str:
    """A distinct dossier of roughly 30-45 pages, built from a sample and its peers.
    `scale` corrects the length after a first build missed the page range."""
    rng = random.Random(f"batch-{index}")
    parsed = [_split(p) for p in sources]
    front, chapters = parsed[index % len(parsed)]
    target = rng.randint(PAGES[0], PAGES[1] - 4) * WORDS_PER_PAGE * scale  # appendices overshoot a little
    by_kind: dict[str, list[list[str]]] = {}
    for j, (_, chs) in enumerate(parsed):
        if j != index % len(parsed):
            for _, kind, lines in chs:
                by_kind.setdefault(kind, []).append(lines)
    # a JSON string is a valid YAML scalar: titles may hold quotes ('"Leren in het Dorp"')
    front = re.sub(r"(?m)^title: (.*)$", lambda m: "title: " + json.dumps(
        f"{yaml.safe_load(m.group(1))} (dossier {index + 1:02d})", ensure_ascii=False), front)
    body: list[str] = []
    for heading, kind, lines in chapters:
        body += [f"# {heading}", *lines]
    words = len(" ".join(body).split())
    # lengthen domain chapters with sections of the same kind from other dossiers
    out: list[str] = []
    for heading, kind, lines in chapters:
        out += [f"# {heading}", *lines]
        if kind in ("visie", "samenwerking", "professionalisering", "kwaliteitszorg") and words < target * 0.7:
            for extra in rng.sample(by_kind.get(kind, []), min(2, len(by_kind.get(kind, [])))):
                if words >= target * 0.7:
                    break
                out += ["", *_demote(extra)]
                words += len(" ".join(extra).split())
    number = 1
    out += ["", "\\pagebreak", "# Aanvullende bijlagen", ""]
    while words < target:
        part = _appendix(rng, rng.randrange(5), number)
        number += 1
        out += part
        words += len(" ".join(part).split())
    return front + "\n" + "\n".join(out) + "\n"


def _fast_table_cells() -> None:
    """python-docx's Table.cell rebuilds the list of all cells on every call, which made
    building one dossier with its appendix tables take 7 s (pyinstrument: 80% in
    Table.cell). Same cells, listed once per table; the DOCX is unchanged."""
    from docx.table import Table

    if getattr(Table.cell, "_cached", False):
        return

    def cell(self, row_idx: int, col_idx: int):
        cells = self.__dict__.get("_bench_cells")
        if cells is None:
            cells = self.__dict__["_bench_cells"] = self._cells
        return cells[col_idx + row_idx * self._column_count]

    cell._cached = True
    Table.cell = cell


def generate(data: Path = DATA, count: int = COUNT) -> list[Path]:
    """Write the Markdown sources, DOCX and PDFs; rebuild only what changed."""
    sys.path.insert(0, str(ROOT / "samples"))
    import build as sample_build  # samples/build.py

    _fast_table_cells()
    src_dir, docx_dir, pdf_dir = data / "src", data / "docx", data / "pdf"
    for d in (src_dir, docx_dir, pdf_dir):
        d.mkdir(parents=True, exist_ok=True)
    scales_file = data / "scales.json"
    scales: dict[str, float] = json.loads(scales_file.read_text()) if scales_file.exists() else {}
    pdfs = _build(range(count), scales, src_dir, docx_dir, pdf_dir, sample_build)
    # one correction round for the few that missed 30-45 pages (tables fill pages faster)
    import pypdfium2 as pdfium

    redo = []
    for i, pdf in enumerate(pdfs):
        n = len(pdfium.PdfDocument(str(pdf)))
        if not PAGES[0] <= n <= PAGES[1]:
            want = min(max(n, PAGES[0] + 2), PAGES[1] - 3)
            scales[str(i)] = scales.get(str(i), 1.0) * want / n
            redo.append(i)
    if redo:
        scales_file.write_text(json.dumps(scales, indent=1, sort_keys=True))
        _build(redo, scales, src_dir, docx_dir, pdf_dir, sample_build)
    for old in pdf_dir.glob("*.pdf"):
        if old not in pdfs:
            old.unlink()
    return pdfs


def _build(indices, scales: dict[str, float], src_dir: Path, docx_dir: Path, pdf_dir: Path, sample_build) -> list[Path]:
    stale: list[Path] = []
    pdfs: list[Path] = []
    for i in indices:
        name = f"ronde-{i + 1:02d}"
        md = dossier_markdown(i, scale=scales.get(str(i), 1.0))
        digest = hashlib.sha256((GENERATOR_VERSION + md).encode()).hexdigest()[:16]
        src = src_dir / f"{name}.md"
        stamp = src_dir / f"{name}.sha"
        pdf = pdf_dir / f"{name}.pdf"
        pdfs.append(pdf)
        if pdf.exists() and stamp.exists() and stamp.read_text() == digest:
            continue
        src.write_text(md, encoding="utf-8")
        out = docx_dir / f"{name}.docx"
        sample_build.build_docx(sample_build.parse_source(src), out)
        stale.append(out)
        stamp.write_text(digest)
    if stale:
        t = time.perf_counter()
        print(f"soffice: {len(stale)} DOCX -> PDF ...", file=sys.stderr, flush=True)
        sample_build.convert_to_pdf(stale, pdf_dir, timeout=3600)
        print(f"soffice: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    return pdfs


# --------------------------------------------------------------------------- measuring


def floor(pdfs: list[Path]) -> tuple[float, int]:
    """Plain pypdfium2 text extraction of every page: the least any reader must do."""
    import pypdfium2 as pdfium

    pages = 0
    t = time.perf_counter()
    for path in pdfs:
        doc = pdfium.PdfDocument(str(path))
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return time.perf_counter() - t, pages


def _assess(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "assessor", *args], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"assess {' '.join(args)} failed with exit {proc.returncode}:\n{proc.stderr}")
    return wall, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder with pdf/ (generated when missing)")
    ap.add_argument("--count", type=int, default=COUNT)
    ap.add_argument("--jobs", type=int, default=None, help="passed to assess --jobs (default: all cores)")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args(argv)

    pdfs = generate(args.data, args.count) if args.data == DATA or not (args.data / "pdf").is_dir() else sorted((args.data / "pdf").glob("*.pdf"))
    if args.generate_only:
        return 0
    pdf_dir = pdfs[0].parent
    import pypdfium2 as pdfium

    page_counts = [len(pdfium.PdfDocument(str(p))) for p in pdfs]
    print(f"dossiers: {len(pdfs)} PDFs, {sum(page_counts)} pages ({min(page_counts)}-{max(page_counts)} per dossier), "
          f"{sum(p.stat().st_size for p in pdfs) / 1e6:.1f} MB; {os.cpu_count()} cores")

    print(f"load     1-minute load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    floor_s, pages = floor(pdfs)
    print(f"floor    plain pypdfium2 text, 1 process: {floor_s:6.2f} s  ({pages / floor_s:7.0f} pages/s)")

    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        tmp_path = Path(tmp)
        stats = tmp_path / "stats.json"
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "ASSESSOR_BATCH_STATS": str(stats)}

        def batch(name: str, *extra: str) -> tuple[float, dict]:
            stats.unlink(missing_ok=True)
            wall, code = _assess([str(pdf_dir), "--format", "json", "--out-dir", str(tmp_path / name), *extra, *jobs], env)
            info = json.loads(stats.read_text()) if stats.exists() else {}
            info["exit"] = code
            info["reports"] = len(list((tmp_path / name).glob("*.json")))
            return wall, info

        # a first start compiles and stores the rubric (assessor/cache.py); measured apart
        first_start, _ = _assess([str(pdf_dir / "does-not-exist.pdf")], env)
        print(f"start    first start with this rubric (validate + compile, stored): {first_start:.2f} s")

        wall, info = batch("out", "--no-cache")
        cpu = sum(w.get("cpu_s", 0) for w in info.get("workers", []))
        print(f"batch    assess DIR --no-cache:           {wall:6.2f} s  ({pages / wall:7.0f} pages/s, "
              f"{wall / floor_s:.2f}x floor, exit {info['exit']}, {info['reports']} reports)")
        print(f"         CPU in workers {cpu:.1f} s = {cpu / len(pdfs):.2f} s per dossier, {cpu / pages * 1000:.1f} ms per page "
              f"(floor: {floor_s / pages * 1000:.1f} ms per page); parent {info.get('parent_cpu_s', 0):.1f} s")
        rss = info.get("workers", [])
        if rss:
            mb = [w["max_rss_kb"] / 1024 for w in rss]
            print(f"memory   peak RSS per worker: max {max(mb):.0f} MB, median {statistics.median(mb):.0f} MB "
                  f"({len(rss)} worker processes; parent {info.get('parent_max_rss_kb', 0) / 1024:.0f} MB)")
        fill, info = batch("out2")
        print(f"cache    first cached run (fills cache):  {fill:6.2f} s  (cache hits {info.get('cache_hits')})")
        for i in (1, 2):
            rerun, info = batch(f"out-re{i}")
            print(f"cache    unchanged re-run {i}:              {rerun:6.2f} s  (cache hits {info.get('cache_hits')} of {len(pdfs)}, "
                  f"{info['reports']} reports written)")
        one = pdfs[len(pdfs) // 2]
        times = [_assess([str(one), "--format", "json", "--no-cache"], env)[0] for _ in range(5)]
        print(f"single   assess ONE.pdf --no-cache ({page_counts[len(pdfs) // 2]} pages, interpreter start included): "
              f"best {min(times):.2f} s, median {statistics.median(times):.2f} s")
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    print(f"load     1-minute load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
