"""Documents as a few block kinds that every format can draw.

A layout produces blocks once; the renderers draw the same blocks as text,
Markdown, DOCX or PDF, so the formats of one applicant say the same thing.
"""

from dataclasses import dataclass


@dataclass
class Title:
    text: str


@dataclass
class Heading:
    text: str


@dataclass
class Line:
    text: str


@dataclass
class Bullet:
    text: str


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class Columns:
    left: list["Block"]
    right: list["Block"]


Block = Title | Heading | Line | Bullet | Table | Columns
