"""End to end in real headless Chromium: ask, see a cited answer, follow it to the quote."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUESTION = "Did the board back the stop smoking plan?"
SERVER_START_TIMEOUT = 300  # loading the embedding model on a busy 2-core machine


@pytest.fixture(scope="module")
def server_url(built_home, tmp_path_factory):
    """`minutebook serve` on a free port, over the built home; yields its URL."""
    cmd = [str(Path(sys.executable).parent / "minutebook"), "--home", str(built_home.root), "serve",
           "--host", "127.0.0.1", "--port", "0", "--threads", "4"]
    root = Path(__file__).resolve().parent.parent
    # the checkout under test comes first, whatever an older editable install maps
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
    # stderr to a file: an undrained pipe could stall the server once it fills
    stderr_path = tmp_path_factory.mktemp("serve") / "stderr.log"
    stderr_file = stderr_path.open("w")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr_file, text=True,
                            env=env, cwd=root)
    try:
        line = _read_line(proc, SERVER_START_TIMEOUT)
        match = re.search(r"http://127\.0\.0\.1:\d+/", line or "")
        if not match:
            proc.kill()
            pytest.fail(f"serve did not print its URL (got {line!r}); stderr:\n{stderr_path.read_text()[-2000:]}")
        yield match.group(0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        stderr_file.close()


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    import threading
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0] if box else ""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_question_to_highlighted_quote(browser, server_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)  # a shared 2-core machine can be slow
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server_url)
    page.get_by_label("Ask a question or search the meeting papers").fill(QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector(".answer-card")
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
    assert "q=Did+the+board" in page.url               # state is in the URL: a permalink

    card = page.locator(".answer-card")
    assert "do not appear to answer" not in card.inner_text()
    citation = card.locator("a.citation-link").first
    cited_title = citation.inner_text()
    assert cited_title.strip()
    citation.click()
    page.wait_for_selector("mark#quote")

    assert "/documents/" in page.url and page.url.endswith("#quote")
    mark = page.locator("mark#quote")
    assert mark.inner_text().strip()
    assert mark.is_visible()
    # scrolling may be smooth: wait (bounded) until the quote sits inside the viewport
    page.wait_for_function("() => { const r = document.getElementById('quote').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight; }", timeout=10_000)
    assert page.evaluate("document.activeElement && document.activeElement.id") == "quote"
    page.screenshot(path=str(tmp_path / "quote.png"))
    assert (tmp_path / "quote.png").stat().st_size > 0
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_phone_width_has_no_horizontal_scroll(browser, server_url, tmp_path):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.set_default_timeout(120_000)
    page.goto(server_url + "?q=stop+smoking&mode=keyword")
    page.wait_for_selector(".result")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
