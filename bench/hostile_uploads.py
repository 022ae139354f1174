"""Hostile questionnaire files: each must be refused within seconds and with bounded memory.

Builds in a temporary folder the files of the attack review (issue 11, findings 6 and 7): a YAML alias
bomb, a 4.9 MB YAML, YAML nested 100,000 deep, an XLSForm zip bomb (a small .xlsx that unpacks to
137 MB), a .xlsx of half a million formatted empty cells, and a YAML file and a .xlsx just under the
bounds Vox reads (the slowest files it accepts; the YAML also with a syntax error at its end). Runs
``flask surveys check`` on each YAML file and ``flask surveys import`` on each spreadsheet, each in its
own process, and prints how long each took (Flask's start included) and its peak memory.

    .venv/bin/python bench/hostile_uploads.py
Last line: alias_bomb_s=<float> big_yaml_s=<float> deep_yaml_s=<float> zip_bomb_s=<float> most_yaml_s=<float>
most_yaml_broken_s=<float> formatted_cells_s=<float> most_cells_read_s=<float> max_rss_mb=<int> (one line)
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent
FLASK = str(Path(sys.executable).parent / "flask")

MEMORY_CAP = 4 * 1024**3
TIME_CAP = 60
#: a name per level, each a list of nine of the level below: 9**9 strings from a few hundred bytes
ALIAS_LEVELS = "abcdefghi"


def alias_bomb(levels: int = 9) -> bytes:
    """The "billion laughs" in YAML: ``levels`` anchors, each a list of nine aliases of the one before."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = ALIAS_LEVELS[:levels]
    for before, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [{','.join([f'*{before}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def big_yaml(size: int = 4_900_000) -> bytes:
    """A questionnaire of ``size`` bytes: the usual header, then question after question."""
    head = ("id: big\nversion: 1\nlanguages: [en, nl]\ntitle: {en: Big, nl: Groot}\n"
            "intro:\n  text: {en: Hello, nl: Hallo}\nquestions:\n")
    parts, total, number = [head], len(head), 0
    while total < size:
        number += 1
        part = (f"  - key: q{number}\n    type: faces\n"
                f"    text: {{en: 'How was part {number} of the day?', nl: 'Hoe was deel {number} van de dag?'}}\n")
        parts.append(part)
        total += len(part)
    return "".join(parts).encode()


def deep_yaml(depth: int = 100_000) -> bytes:
    """Lists in lists, ``depth`` deep."""
    return b"id: deep\nquestions: " + b"[" * depth + b"]" * depth + b"\n"


def zip_bomb_xlsx(unpacked: int = 137_000_000) -> bytes:
    """A valid .xlsx whose survey sheet unpacks to about ``unpacked`` bytes of identical rows."""
    row = '<row><c t="inlineStr"><is><t>text</t></is></c><c t="inlineStr"><is><t>q</t></is></c></row>'
    rows = max(1, unpacked // len(row))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in XLSX_PARTS.items():
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + MAIN_NS + b'"><sheetData>'
                        b'<row><c t="inlineStr"><is><t>type</t></is></c><c t="inlineStr"><is><t>name</t></is></c>'
                        b'</row>')
            block = row.encode() * 10_000
            for _ in range(rows // 10_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def formatted_xlsx(rows: int = 260, empty: int = 1000) -> bytes:
    """A .xlsx of ``rows`` text questions, each row with ``empty`` formatted empty cells, its size not stated:
    a few MB that a spreadsheet reader goes through twice, cell by cell."""
    lines = [b'<row><c t="inlineStr"><is><t>type</t></is></c><c t="inlineStr"><is><t>name</t></is></c>'
             b'<c t="inlineStr"><is><t>label</t></is></c></row>']
    blanks = b'<c s="0"/>' * empty
    for number in range(rows):
        lines.append(f'<row><c t="inlineStr"><is><t>text</t></is></c><c t="inlineStr"><is><t>q{number}</t></is></c>'
                     f'<c t="inlineStr"><is><t>Question {number}?</t></is></c>'.encode() + blanks + b"</row>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in XLSX_PARTS.items():
            archive.writestr(name, content)
        archive.writestr("xl/worksheets/sheet1.xml", b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="'
                         + MAIN_NS + b'"><sheetData>' + b"".join(lines) + b"</sheetData></worksheet>")
    return buffer.getvalue()


MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
XLSX_PARTS = {
    "[Content_Types].xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS.decode()}" xmlns:r="{_REL}">'
        '<sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def limited() -> None:
    """In the child: at most ``MEMORY_CAP`` of memory and ``TIME_CAP`` of CPU, so that a failure cannot
    take the machine down (it shows as a crash in the output instead)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_CAP, TIME_CAP))


def timed(*args: str) -> tuple[float, float, str]:
    """Run ``flask`` with ``args`` in its own process: seconds taken, its peak memory in MB, its output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([FLASK, "--app", "app", *args], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   preexec_fn=limited)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read().decode(errors="replace")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    results: dict[str, float] = {}
    peak = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {"alias_bomb": ("bomb.yaml", alias_bomb()), "big_yaml": ("big.yaml", big_yaml()),
                 "deep_yaml": ("deep.yaml", deep_yaml()), "zip_bomb": ("bomb.xlsx", zip_bomb_xlsx()),
                 "most_yaml": ("most.yaml", big_yaml(520_000)),
                 "most_yaml_broken": ("broken.yaml", big_yaml(520_000) + b"  - key: [unclosed\n"),
                 "formatted_cells": ("formatted.xlsx", formatted_xlsx()),
                 "most_cells_read": ("most.xlsx", formatted_xlsx(rows=145))}
        for key, (name, content) in files.items():
            path = folder / name
            path.write_bytes(content)
            if name.endswith(".xlsx"):
                args = ("surveys", "import", str(path), "--out", str(folder / "out"))
            else:
                args = ("surveys", "check", str(path))
            seconds, rss, output = timed(*args)
            results[key], peak = seconds, max(peak, rss)
            first = output.strip().splitlines()[-1] if output.strip() else ""
            print(f"{name:<10} {len(content):>10,} bytes  {seconds:5.2f} s  {rss:6.0f} MB  {first[:110]}")
    figures = " ".join(f"{key}_s={seconds:.2f}" for key, seconds in results.items())
    print(f"{figures} max_rss_mb={peak:.0f}")


if __name__ == "__main__":
    main()
