"""Resumes written by hand, not by the corpus generator (issue 8).

``resumes/`` holds 44 files of fictional people, English and Chinese: plain
text and Markdown written directly, DOCX and PDF built once from
``sources/*.yaml`` by ``build.py`` and committed. ``truth/`` holds what a
perfect parser returns for each, written by hand (years of experience
follow from the work history's dates). Conventions of the truth files:
skills, certificates and languages use the parser's canonical names where
one exists and are otherwise the item as written, lowercased; a bare year
is January; a bilingual school or title is its first name.
"""
