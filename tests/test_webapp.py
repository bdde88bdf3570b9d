"""Web app and JSON API over a real built home (demo corpus + Kent PDFs)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from webapp import create_app
from webapp.markup import highlight, merge_spans, query_term_spans, render_document
from ingest.models import Chunk, PageSpan

QUESTION = "Did the board back the stop smoking plan?"
INJECTION = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def app(built_home):
    return create_app(built_home)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def docs(app):
    return app.test_client().get("/api/documents").get_json()["documents"]


def _pdf_doc(docs):
    return next(d for d in docs if d["path"].lower().endswith(".pdf"))


def _text_doc(docs):
    return next(d for d in docs if d["path"].lower().endswith(".txt"))


def _assert_json_error(resp, status):
    assert resp.status_code == status, resp.data[:300]
    body = resp.get_json()
    assert body["status"] == status and body["error"] and body["message"]


# -- pages -------------------------------------------------------------------
def test_home_without_query_shows_search_box(client):
    resp = client.get("/")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<label for="q"' in html and 'id="q"' in html and 'role="search"' in html


def test_keyword_search_page_lists_highlighted_passages(client):
    resp = client.get("/?q=stop+smoking&mode=keyword")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "answer-card" not in html            # a few words get passages, not an answer
    assert re.search(r"<mark>smok\w*</mark>", html, re.I)
    assert 'href="/documents/' in html and "#quote" in html


def test_question_page_shows_answer_with_citation_links(client, app):
    resp = client.get("/", query_string={"q": QUESTION})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    services = app.extensions["minutebook"]
    if services.answerer is None:
        assert "Short answers are not available" in html
        return
    assert "answer-card" in html
    links = re.findall(r'class="citation-link" href="([^"]+)"|href="([^"]+)" class="citation-link"', html)
    assert links, "the answer card links its citations"
    href = next(a or b for a, b in links).replace("&amp;", "&")
    assert re.match(r"/documents/[^?]+\?start=\d+&end=\d+#quote", href)
    page = client.get(href.split("#")[0]).get_data(as_text=True)
    assert '<mark id="quote"' in page


def test_document_page_marks_exactly_the_quoted_text(client, docs):
    doc = _text_doc(docs)
    full = client.get(f"/api/documents/{doc['id']}").get_json()
    chunk = next(c for c in full["chunks"] if len(c["text"]) > 40)
    resp = client.get(f"/documents/{doc['id']}", query_string={"start": chunk["start"], "end": chunk["end"]})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.S))
    from markupsafe import escape
    # page markers may sit inside the quote; the marked text is the quote itself
    assert str(escape(full["text"][chunk["start"]:chunk["end"]])).startswith(marked[:40])
    assert f'id="chunk-{chunk["ordinal"]}"' in html


def test_document_page_of_pdf_links_original_at_page(client, docs):
    doc = _pdf_doc(docs)
    full = client.get(f"/api/documents/{doc['id']}").get_json()
    chunk = next(c for c in full["chunks"] if c["page_start"])
    html = client.get(f"/documents/{doc['id']}?start={chunk['start']}&end={chunk['end']}").get_data(as_text=True)
    assert f'/documents/{doc["id"]}/file#page={chunk["page_start"]}' in html
    assert 'class="page-marker"' in html


def test_original_file_is_served_by_id(client, docs):
    pdf = client.get(f"/documents/{_pdf_doc(docs)['id']}/file")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    txt = client.get(f"/documents/{_text_doc(docs)['id']}/file")
    assert txt.status_code == 200 and txt.mimetype == "text/plain"
    assert txt.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/documents/..%2F..%2Fetc%2Fpasswd/file", "/documents/nope/file",
                                  "/documents/nope", "/documents/" + "x" * 300])
def test_unknown_document_is_404_page(client, path):
    resp = client.get(path)
    assert resp.status_code == 404
    assert resp.mimetype == "text/html"
    assert "root:" not in resp.get_data(as_text=True)


def test_bad_quote_offsets_are_400(client, docs):
    doc_id = docs[0]["id"]
    for qs in ("start=abc&end=3", "start=5&end=2", "start=0&end=999999999"):
        assert client.get(f"/documents/{doc_id}?{qs}").status_code == 400


def test_documents_page_lists_every_document(client, docs):
    html = client.get("/documents").get_data(as_text=True)
    for d in docs:
        assert f'href="/documents/{d["id"]}"' in html


def test_decisions_page_and_filters(client):
    resp = client.get("/decisions")
    assert resp.status_code == 200
    rows = client.get("/api/decisions").get_json()["decisions"]
    html = resp.get_data(as_text=True)
    assert f"{len(rows)} decision" in html
    bad = client.get("/decisions?from=2019-02-30")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_about_page_reports_status(client):
    html = client.get("/about").get_data(as_text=True)
    assert "Documents" in html and "/api/openapi.json" in html


def test_bad_search_params_give_400_page_not_500(client):
    for qs in ("q=x&mode=telepathy", "q=x&k=0", "q=x&k=1000", "q=x&from=yesterday",
               "q=" + "a" * 1001, "q=x&from=2020-01-02&to=2020-01-01", "q=x&type=novel"):
        resp = client.get("/?" + qs)
        assert resp.status_code == 400, qs
        assert 'role="alert"' in resp.get_data(as_text=True)


# -- safety -------------------------------------------------------------------
def test_query_injection_is_escaped(client):
    html = client.get("/", query_string={"q": INJECTION}).get_data(as_text=True)
    assert INJECTION not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_carry_security_headers_and_no_inline_script(client):
    resp = client.get("/?q=budget")
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"]
    for tag in re.findall(r"<script[^>]*>", resp.get_data(as_text=True)):
        assert "src=" in tag


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, app):
    """A home holding one text paper with HTML in it, indexed like any other."""
    from index.build import update_indexes
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from minutebook.config import Home

    src = tmp_path_factory.mktemp("hostile-src") / "hostile-minutes.txt"
    src.write_text("Minutes of the Example Committee\n\nThe clerk read out "
                   f"{INJECTION} and <b onmouseover=alert(2)>bold</b> text verbatim.\n",
                   encoding="utf-8")
    home = Home.resolve(tmp_path_factory.mktemp("hostile-home"))
    store = Store(home.db_path)
    report = ingest_paths(store, [src])
    assert not report.skipped
    update_indexes(store, home.index_dir)
    return create_app(home)


def test_document_text_with_html_is_shown_escaped(hostile_app):
    client = hostile_app.test_client()
    doc = client.get("/api/documents").get_json()["documents"][0]
    detail = client.get(f"/api/documents/{doc['id']}").get_json()
    assert INJECTION in detail["text"]                    # stored verbatim
    start = detail["text"].index(INJECTION)
    html = client.get(f"/documents/{doc['id']}?start={start}&end={start + len(INJECTION)}").get_data(as_text=True)
    assert INJECTION not in html and "<b onmouseover" not in html
    assert '<mark id="quote" tabindex="-1">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    results = client.get("/?q=clerk+alert").get_data(as_text=True)
    assert INJECTION not in results and "&lt;script&gt;" in results


# -- JSON API -----------------------------------------------------------------
def test_api_search_shape_and_k(client):
    body = client.get("/api/search?q=stop+smoking&k=3").get_json()
    assert body["count"] == len(body["results"]) <= 3 and body["count"] > 0
    r = body["results"][0]
    for key in ("chunk_id", "score", "text", "highlights", "section", "page_start", "page_end",
                "kind", "document"):
        assert key in r
    assert {"id", "title", "body", "meeting_date", "doc_type"} <= set(r["document"])


@pytest.mark.parametrize("mode", ["keyword", "vector", "hybrid"])
def test_api_search_modes(client, mode):
    assert client.get(f"/api/search?q=capital+programme&mode={mode}&k=2").status_code == 200


def test_api_search_date_filter_is_applied(client):
    body = client.get("/api/search?q=budget&k=20&from=2025-01-01").get_json()
    for r in body["results"]:
        assert r["document"]["meeting_date"] and r["document"]["meeting_date"] >= "2025-01-01"
    assert body["filters"]["from"] == "2025-01-01"


def test_api_ask_quotes_are_verbatim(client, app):
    resp = client.get("/api/ask", query_string={"q": QUESTION})
    if app.extensions["minutebook"].answerer is None:
        _assert_json_error(resp, 503)
        return
    answer = resp.get_json()
    assert resp.status_code == 200 and answer["question"] == QUESTION
    assert not answer["abstained"] and answer["citations"]
    for c in answer["citations"]:
        text = client.get(f"/api/documents/{c['document_id']}").get_json()["text"]
        assert text[c["start"]:c["end"]] == c["quote"]


@pytest.mark.parametrize("qs", ["", "q=", "q=x&k=0", "q=x&k=101", "q=x&k=ten", "q=x&mode=psychic",
                                "q=x&from=2019-13-01", "q=x&to=01/02/2019",
                                "q=x&from=2020-01-02&to=2020-01-01", "q=x&type=novel",
                                "q=" + "a" * 1001])
@pytest.mark.parametrize("route", ["/api/search", "/api/ask"])
def test_api_bad_params_are_json_400(client, route, qs):
    _assert_json_error(client.get(f"{route}?{qs}"), 400)


def test_api_decisions_filters(client):
    _assert_json_error(client.get("/api/decisions?from=2019-02-30"), 400)
    body = client.get("/api/decisions?from=2019-01-01&to=2019-12-31").get_json()
    assert all("2019-01-01" <= d["meeting_date"] <= "2019-12-31" for d in body["decisions"])
    assert body["count"] == len(body["decisions"])


def test_api_documents_and_document(client, docs):
    assert docs and all({"id", "title", "chunks", "meeting_date", "body"} <= set(d) for d in docs)
    detail = client.get(f"/api/documents/{docs[0]['id']}").get_json()
    assert detail["text"] and detail["chunks"]
    for c in detail["chunks"]:
        assert 0 <= c["start"] <= c["end"] <= len(detail["text"])
    _assert_json_error(client.get("/api/documents/no-such-doc"), 404)
    _assert_json_error(client.get("/api/no-such-route"), 404)


def test_api_health(client, docs):
    body = client.get("/api/health").get_json()
    assert body["status"] == "ok" and body["documents"] == len(docs) and body["chunks"] > 0


def test_openapi_describes_every_api_route(client, app):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{id}", r.rule) for r in app.url_map.iter_rules()
              if r.rule.startswith("/api/")}
    assert routes == set(spec["paths"])


def test_unexpected_error_is_500_json_for_api_and_page_otherwise(app):
    broken = create_app(config={"MINUTEBOOK_SERVICES": app.extensions["minutebook"]})

    @broken.get("/api/boom")
    def api_boom():
        raise RuntimeError("secret detail")

    @broken.get("/boom")
    def page_boom():
        raise RuntimeError("secret detail")

    client = broken.test_client()
    api = client.get("/api/boom")
    _assert_json_error(api, 500)
    page = client.get("/boom")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert "secret detail" not in page.get_data(as_text=True) + api.get_data(as_text=True)


# -- markup units ---------------------------------------------------------------
def test_highlight_escapes_then_marks():
    assert str(highlight("a <b> & c", [(2, 5)])) == "a <mark>&lt;b&gt;</mark> &amp; c"
    assert str(highlight("abcdef", [(4, 99), (-3, 1), (0, 2), (3, 3)])) == \
        "<mark>ab</mark>cd<mark>ef</mark>"
    assert merge_spans([(0, 3), (2, 5), (7, 8)], 10) == [(0, 5), (7, 8)]


def test_query_term_spans_skip_question_words():
    text = "The board agreed the Stop Smoking offer."
    marked = [text[s:e] for s, e in query_term_spans(text, "Did the board back smoking?")]
    assert marked == ["board", "Smoking"]


def test_render_document_places_pages_and_quote():
    text = "Heading\n\nFirst para.\n\nSecond <para>.\n"
    pages = [PageSpan(1, 0, 21), PageSpan(2, 21, len(text))]
    chunks = [Chunk("d:0", "d", 0, "section", "Heading", text[0:20], 0, 20),
              Chunk("d:1", "d", 1, "section", "Heading", text[22:37], 22, 37)]
    start = text.index("<para>")
    blocks = render_document(text, pages, chunks, (start, start + 6))
    html = "".join(str(b.html) for b in blocks)
    assert 'id="page-1"' in html and 'id="page-2"' in html
    assert '<mark id="quote" tabindex="-1">&lt;para&gt;</mark>' in html
    assert [b.anchor for b in blocks if b.anchor] == ["chunk-0", "chunk-1"]
