"""Documents people take away from the service, written as Word files (DOCX).

A report is built as a list of blocks (headings, paragraphs, bullet lists, tables) and
written by :func:`to_docx` with python-docx, which Word, LibreOffice and Google Docs open.
Pages that print well show the same content; this module only lays it out, so every app
writes its documents the same way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document as DocxDocument
from docx.shared import Pt

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Document:
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(text, level))

    def paragraph(self, text: str, *, small: bool = False) -> None:
        if text:
            self.blocks.append(Paragraph(text, small))

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.blocks.append(Bullets(list(items)))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.blocks.append(Table(list(header), [list(r) for r in rows]))


def to_docx(document: Document) -> bytes:
    out = DocxDocument()
    out.core_properties.title = document.title
    out.add_heading(document.title, level=0)
    if document.subtitle:
        out.add_paragraph(document.subtitle)
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, level=min(max(block.level, 1), 4))
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph(block.text)
            if block.small:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
        elif isinstance(block, Bullets):
            for item in block.items:
                out.add_paragraph(item, style="List Bullet")
        else:
            table = out.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.font.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
