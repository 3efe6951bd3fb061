"""Tiny corpus fixtures, built in tmp_path by each test: every format, plain and compressed."""

from __future__ import annotations

import bz2
import gzip
import zipfile
from pathlib import Path

COMPRESSIONS = ["", ".gz", ".bz2"]


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, compressed as its suffix says (.gz, .bz2 or plain)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".bz2":
        data = bz2.compress(data)
    path.write_bytes(data)
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def make_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return path


BROWN_MEMBERS = {
    "brown/cats.txt": "ca01 news\nca02 news\ncg01 belles_lettres\n",
    "brown/README": "The Brown corpus, tiny.",
    "brown/ca01": "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ./.\n\n\n\tIt/pps found/vbd 1/2/cd ./.\n",
    "brown/ca02": "\n\tA/at jury/nn sat/vbd ./.\n",
    "brown/cg01": "\n\tEssays/nns matter/vb ./.\n",
}

MOVIE_MEMBERS = {
    "movie_reviews/README": "readme",
    "movie_reviews/pos/cv000_1.txt": "a wonderful , moving film .\n",
    "movie_reviews/pos/cv001_2.txt": "great acting .\n",
    "movie_reviews/neg/cv002_3.txt": "a dull , lifeless mess .\n",
}

POLARITY_MEMBERS = {
    "sentence_polarity/rt-polarity.pos": "a gem of a film .\nsimply brilliant .\n".encode("latin-1"),
    "sentence_polarity/rt-polarity.neg": "a mess .\nna\xefve and dull .\n".encode("latin-1"),
}

WIKI_XML = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <page>
    <title>Anarchism</title>
    <ns>0</ns>
    <id>12</id>
    <revision><id>1</id><text xml:space="preserve">'''Anarchism''' is a [[political philosophy]] that advocates self-governed societies based on voluntary institutions. {{Infobox|x=1}} It is often described as [[anti-authoritarian]] and it rejects hierarchy. Its history is long and varied, with many schools of thought across the world.</text></revision>
  </page>
  <page>
    <title>AccessibleComputing</title>
    <ns>0</ns>
    <id>10</id>
    <redirect title="Computer accessibility" />
    <revision><id>2</id><text xml:space="preserve">#REDIRECT [[Computer accessibility]]</text></revision>
  </page>
  <page>
    <title>Stub</title>
    <ns>0</ns>
    <id>13</id>
    <revision><id>3</id><text xml:space="preserve">Too short.</text></revision>
  </page>
  <page>
    <title>Talk:Anarchism</title>
    <ns>1</ns>
    <id>14</id>
    <revision><id>4</id><text xml:space="preserve">A talk page that is long enough to pass the length bound but sits outside the article namespace, so it must be skipped by the reader whatever its length is. More words here to be sure of it.</text></revision>
  </page>
</mediawiki>
"""

WIKITEXT = """ 
 = Homarus gammarus = 
 
 Homarus gammarus is a species of <unk> lobster . It grows to 1 @,@ 000 g and is blue @-@ black . 
 
 = = Description = = 
 
 It may grow to a length of 60 @.@ 5 cm . 
 
 = Second Article = 
 
 The second article has one paragraph . 
"""
