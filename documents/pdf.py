"""PDF/A for the archive: a .docx converted by LibreOffice headless (`soffice`) to PDF/A-2b.

LibreOffice runs with a profile of its own in a temporary folder (never the user's, which a
running LibreOffice may hold), and a timeout. `soffice --convert-to` does not update a
document's table of contents, so the conversion is a small LibreOffice Basic macro in that
profile: open the document hidden, update its indexes and fields, export it with
SelectPdfVersion=2 (PDF/A-2b). A missing LibreOffice is one line of Norwegian, exit status 2.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from engine.domain.errors import SaksflytError

TIMEOUT = 180
"""Seconds one LibreOffice run may take (a first start builds its profile)."""
PDF_VERSION = 2
"""SelectPdfVersion: 2 is PDF/A-2b."""

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Saksflyt" \
script:language="StarBasic">
Sub ToPdf(source As String, target As String, keeps As String)
  On Error GoTo Done
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  doc.getTextFields().refresh()
  If keeps = &quot;1&quot; Then KeepWithNext(doc)
  Dim data(1) As New com.sun.star.beans.PropertyValue
  data(0).Name = &quot;SelectPdfVersion&quot;
  data(0).Value = {version}
  data(1).Name = &quot;ExportNotes&quot;
  data(1).Value = False
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  store(1).Name = &quot;FilterData&quot;
  store(1).Value = data()
  doc.storeToURL(target, store())
  doc.close(True)
Done:
  StarDesktop.terminate()
End Sub

REM LibreOffice leaves a paragraph that keeps with the next one at the foot of a page in some
REM layouts: where a chain of such paragraphs ends on another page than it starts, the chain
REM starts a new page (unless it already starts one: a chain longer than a page).
Sub KeepWithNext(doc)
  cursor = doc.getCurrentController().getViewCursor()
  Dim chain As Object
  chain = Nothing
  items = doc.getText().createEnumeration()
  Do While items.hasMoreElements()
    paragraph = items.nextElement()
    If Not paragraph.supportsService(&quot;com.sun.star.text.Paragraph&quot;) Then
      chain = Nothing
    Else
      If Not IsNull(chain) Then
        cursor.gotoRange(chain.getStart(), False)
        first = cursor.getPage()
        cursor.gotoRange(paragraph.getStart(), False)
        If cursor.getPage() &gt; first Then
          cursor.gotoRange(chain.getStart(), False)
          cursor.jumpToStartOfPage()
          If doc.getText().compareRegionStarts(cursor, chain.getStart()) &lt;&gt; 0 Then
            chain.setPropertyValue(&quot;BreakType&quot;, com.sun.star.style.BreakType.PAGE_BEFORE)
          End If
        End If
      End If
      If paragraph.ParaKeepTogether Then
        If IsNull(chain) Then chain = paragraph
      Else
        chain = Nothing
      End If
    End If
  Loop
End Sub
</script:module>
"""


class PdfError(SaksflytError):
    """LibreOffice is missing, or could not convert the document."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    found = soffice()
    if found is None:
        raise PdfError("PDF lages med LibreOffice, som ikke er installert her (fant ikke "
                       "soffice): installer libreoffice-writer-nogui, eller bruk --format docx.")
    return found


def _run(command: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in a process group of its own, so a timeout stops all of it."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(f"LibreOffice ble ikke ferdig med PDF-en på {timeout} sekunder og ble "
                       "stoppet.") from None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _profile(program: str, folder: Path, timeout: int) -> str:
    """A new LibreOffice profile in `folder` with the conversion macro in its Standard
    library; its URL for -env:UserInstallation."""
    url = folder.as_uri()
    # The first start creates the profile (it replaces a basic/ folder written before it).
    _run([program, f"-env:UserInstallation={url}", "--headless", "--norestore",
          "--terminate_after_init"], timeout)
    library = folder / "user" / "basic" / "Standard"
    if not (library / "script.xlb").is_file():
        raise PdfError("LibreOffice laget ikke en profil å konvertere med (soffice "
                       "--terminate_after_init).")
    (library / "Saksflyt.xba").write_text(_MODULE.replace("{version}", str(PDF_VERSION)),
                                          encoding="utf-8")
    index = library / "script.xlb"
    listing = index.read_text(encoding="utf-8")
    if 'library:name="Saksflyt"' not in listing:
        index.write_text(listing.replace("</library:library>",
                                         ' <library:element library:name="Saksflyt"/>\n'
                                         "</library:library>"), encoding="utf-8")
    return url


def _has_comments(docx: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        return "word/comments.xml" in archive.namelist()


def convert(docx: Path, pdf: Path, timeout: int = TIMEOUT) -> Path:
    """`docx` as PDF/A-2b at `pdf`."""
    program = require_soffice()
    with tempfile.TemporaryDirectory(prefix="saksflyt-pdf-") as tmp:
        folder = Path(tmp)
        profile = _profile(program, folder / "profil", timeout)
        source, target = folder / "dokument.docx", folder / "dokument.pdf"
        shutil.copyfile(docx, source)
        # A document with comments (the tracked-changes diff) is left as LibreOffice lays it
        # out: its view cursor, which the keep-with-next fix asks for, crashes LibreOffice 7.4.
        keeps = "0" if _has_comments(source) else "1"
        macro = (f'macro:///Standard.Saksflyt.ToPdf("{source.as_uri()}",'
                 f'"{target.as_uri()}","{keeps}")')
        done = _run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                     "--nologo", macro], timeout)
        if not target.is_file() or target.stat().st_size == 0:
            # LibreOffice's last word, less its warning that Java is missing (it needs none).
            detail = [line for line in (done.stderr + done.stdout).splitlines()
                      if line.strip() and "javaldx" not in line]
            reason = f": {detail[-1].strip()}" if detail else ""
            raise PdfError(f"LibreOffice kunne ikke lage PDF av {docx.name}{reason}")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), pdf)
    return pdf


def write(fmt: str, path: Path, write_docx: Callable[[Path], Path]) -> Path:
    """The document as `fmt` ("docx" or "pdf") at `path`: `write_docx` writes the Word file
    (for a PDF, into a temporary folder first)."""
    if fmt != "pdf":
        return write_docx(path)
    require_soffice()  # before the document is rendered: say it at once
    with tempfile.TemporaryDirectory(prefix="saksflyt-docx-") as tmp:
        docx = write_docx(Path(tmp) / path.with_suffix(".docx").name)
        return convert(docx, path)
