"""Bad files give a one-line UnreadableSource reason, never a crash; a batch skips and reports them."""
from __future__ import annotations

import hashlib
import shutil
import struct

import pdfplumber
import pypdfium2  # a dependency of pdfplumber: used to assemble mixed PDFs from real pages
import pytest

import ingest.pdf
from conftest import ALAMEDA, KENT
from ingest.pipeline import ingest_paths
from ingest.readers import UnreadableSource, read_source
from ingest.store import Store

SCANNED = ALAMEDA / "civil-service-board-2006-01-11-scanned.pdf"
SMALL_KENT = KENT / "24-00108 - PROD.pdf"          # 2 pages: cheap to read
PRINTED_MINUTES = KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"

# --- an encrypted PDF, written by hand (no library here writes encryption): the standard
# security handler, RC4 40-bit (revision 2), with a user password, per PDF 1.4 section 3.5.
PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf_bytes(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    pad = lambda pw: (pw + PASSWORD_PAD)[:32]  # noqa: E731
    owner_entry = rc4(hashlib.md5(pad(owner_password)).digest()[:5], pad(user_password))
    permissions, doc_id = -4, b"0123456789abcdef"
    key = hashlib.md5(pad(user_password) + owner_entry + struct.pack("<i", permissions)
                      + doc_id).digest()[:5]
    user_entry = rc4(key, PASSWORD_PAD)
    object_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10]
    content = rc4(object_key, b"BT /F1 12 Tf 72 720 Td (Secret minutes) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (len(objects) + 1, doc_id.hex().encode(),
                                            doc_id.hex().encode(), xref))
    return bytes(out)


def reason_for(path) -> str:
    with pytest.raises(UnreadableSource) as info:
        read_source(path)
    reason = str(info.value)
    assert reason and "\n" not in reason and len(reason) < 200
    return reason


def test_scanned_pdf_has_no_text_layer():
    assert reason_for(SCANNED) == "no text layer — scanned image; OCR is not supported"


def test_truncated_pdf(tmp_path):
    data = PRINTED_MINUTES.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * 0.3)])
    assert reason_for(cut).startswith("damaged or truncated PDF")


def test_pdf_with_broken_body(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF\n")
    assert reason_for(bad).startswith("damaged or truncated PDF")


def test_encrypted_pdf(tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf_bytes())
    # the hand-made file is a real encrypted PDF: it opens with its password
    with pdfplumber.open(locked, password="secret") as pdf:
        assert pdf.pages[0].extract_text() == "Secret minutes"
    assert reason_for(locked) == "encrypted PDF (password required)"


def test_non_pdf_content_with_pdf_name(tmp_path):
    fake = tmp_path / "minutes.pdf"
    fake.write_text("<html><body>Error 404</body></html>", encoding="utf-8")
    assert reason_for(fake) == "not a valid PDF (no %PDF header)"


@pytest.mark.parametrize("name", ["empty.pdf", "empty.txt"])
def test_empty_file(tmp_path, name):
    empty = tmp_path / name
    empty.write_bytes(b"")
    assert reason_for(empty) == "empty file (0 bytes)"


def test_unsupported_extension(tmp_path):
    doc = tmp_path / "minutes.docx"
    doc.write_bytes(b"PK\x03\x04 not really a word file")
    assert reason_for(doc).startswith("unsupported file type '.docx'")


def test_missing_file(tmp_path):
    assert reason_for(tmp_path / "nowhere.pdf") == "file not found"


def test_mostly_text_pdf_with_a_scanned_page_is_read_with_a_warning(tmp_path):
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(str(SMALL_KENT)))
    mixed.import_pages(pypdfium2.PdfDocument(str(SCANNED)), [0])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    source = read_source(path)
    assert source.page_count == 3
    assert "Note the progress on the delivery of savings" in " ".join(source.text.split())
    assert source.pages[2].start == source.pages[2].end == len(source.text)  # the scan adds no text
    assert any("scanned" in w and "pages 3" in w for w in source.warnings), source.warnings


def test_one_failing_page_is_skipped_with_a_warning(monkeypatch):
    """pdfplumber raising on one page (fault injected on page 2) loses that page only."""
    real_read_page = ingest.pdf.read_page

    def failing_on_page_two(page):
        if page.page_number == 2:
            raise ValueError("bad content stream")
        return real_read_page(page)

    monkeypatch.setattr(ingest.pdf, "read_page", failing_on_page_two)
    source = read_source(SMALL_KENT)
    assert [s.number for s in source.pages] == [1, 2]
    assert source.pages[1].start == source.pages[1].end == len(source.text)
    assert source.warnings == ["page 2 could not be read (ValueError); skipped"]


def test_batch_ingests_good_files_and_reports_bad_ones(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(SMALL_KENT, folder / SMALL_KENT.name)
    shutil.copy(KENT / "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf", folder / "agenda.pdf")
    shutil.copy(SCANNED, folder / "scanned.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "not-a-pdf.pdf").write_text("hello", encoding="utf-8")
    (folder / "locked.pdf").write_bytes(encrypted_pdf_bytes())
    data = PRINTED_MINUTES.read_bytes()
    (folder / "cut.pdf").write_bytes(data[: int(len(data) * 0.3)])

    report = ingest_paths(Store(tmp_path / "db" / "minutebook.db"), [folder])

    assert sorted(p.split("/")[-1] for p in report.ingested) == sorted([SMALL_KENT.name, "agenda.pdf"])
    reasons = {p.split("/")[-1]: r for p, r in report.skipped}
    assert reasons == {
        "scanned.pdf": "no text layer — scanned image; OCR is not supported",
        "empty.pdf": "empty file (0 bytes)",
        "not-a-pdf.pdf": "not a valid PDF (no %PDF header)",
        "locked.pdf": "encrypted PDF (password required)",
        "cut.pdf": "damaged or truncated PDF (no end-of-file marker)",
    }
    assert report.summary().startswith("2 ingested, 0 unchanged, 5 skipped")
