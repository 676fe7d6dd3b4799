"""The web app in a real browser: Debian's headless Chromium driven by Selenium through Debian's chromedriver.

Screenshots go to artifacts/screenshots/ (or $NEWSLEDGER_ARTIFACTS). Without Chromium these tests skip, except in
CI (CI=true), where .ci/run installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from newsledger.web.app import create_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("NEWSLEDGER_ARTIFACTS") or ROOT / "artifacts") / "screenshots"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
)  # fmt: skip


def _browser_paths() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
    )
    return (chromium, driver) if chromium and driver else None


@pytest.fixture(scope="module")
def base_url(web_ledger: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_ledger), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    paths = _browser_paths()
    if paths is None:
        if os.environ.get("CI"):
            pytest.fail(
                "chromium and chromedriver are missing; .ci/run installs them"
                " (apt-get install chromium chromium-driver)"
            )
        pytest.skip("no chromium/chromedriver on this machine: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    profile = tempfile.mkdtemp(prefix="newsledger-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _shot(driver: object, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))  # type: ignore[attr-defined]


def _by(kind: str) -> str:
    from selenium.webdriver.common.by import By

    return str(getattr(By, kind))


def _follow(driver: object, element: object) -> None:
    """Click a link or button that loads a new page, and wait until the new page has replaced the old one (a
    click does not wait for the navigation, and a lookup in between finds the old page's elements)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(_by("TAG_NAME"), "html")  # type: ignore[attr-defined]
    element.click()  # type: ignore[attr-defined]
    WebDriverWait(driver, 60).until(expected_conditions.staleness_of(old))


def test_browser_overview_shows_charts_map_and_outlets(browser: object, base_url: str) -> None:
    d = browser
    d.get(base_url + "/")  # type: ignore[attr-defined]
    images = d.find_elements(_by("CSS_SELECTOR"), "img.chart")  # type: ignore[attr-defined]
    assert len(images) == 2
    for img in images:
        # A chart that failed to render (or was blocked) has no natural size.
        assert d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 100  # type: ignore[attr-defined]
    outlets = d.find_elements(_by("CSS_SELECTOR"), "table.outlets tbody tr")  # type: ignore[attr-defined]
    assert any("Caspian Ledger" in row.text for row in outlets)
    _shot(d, "overview")


def test_browser_filters_change_the_table_and_the_url_shares_the_view(browser: object, base_url: str) -> None:
    from selenium.webdriver.support.ui import Select

    d = browser
    d.get(base_url + "/events")  # type: ignore[attr-defined]
    everything = int(d.find_element(_by("ID"), "total").text)  # type: ignore[attr-defined]
    Select(d.find_element(_by("NAME"), "type")).select_by_visible_text("AID")  # type: ignore[attr-defined]
    d.find_element(_by("NAME"), "min_sources").send_keys("2")  # type: ignore[attr-defined]
    _follow(d, d.find_element(_by("CSS_SELECTOR"), "form.filters button[type=submit]"))  # type: ignore[attr-defined]
    filtered = int(d.find_element(_by("ID"), "total").text)  # type: ignore[attr-defined]
    assert 0 < filtered < everything
    query = parse_qs(urlparse(d.current_url).query)  # type: ignore[attr-defined]
    assert query["type"] == ["AID"] and query["min_sources"] == ["2"]
    types = [td.text for td in d.find_elements(_by("CSS_SELECTOR"), "table.events tbody td:nth-child(2)")]  # type: ignore[attr-defined]
    assert len(types) == filtered and set(types) == {"AID"}
    _shot(d, "events-filtered")
    shared = d.current_url  # type: ignore[attr-defined]
    d.get(base_url + "/")  # type: ignore[attr-defined]
    d.get(shared)  # type: ignore[attr-defined]
    assert int(d.find_element(_by("ID"), "total").text) == filtered  # type: ignore[attr-defined]


def test_browser_event_page_marks_the_spans(browser: object, base_url: str) -> None:
    d = browser
    d.get(base_url + "/events?conflicts=1&min_sources=2")  # type: ignore[attr-defined]
    _follow(d, d.find_element(_by("CSS_SELECTOR"), "table.events tbody td:last-child a"))  # type: ignore[attr-defined]
    mentions = d.find_elements(_by("CSS_SELECTOR"), "article.mention")  # type: ignore[attr-defined]
    assert mentions
    for mention in mentions:
        trigger = mention.find_element(_by("CSS_SELECTOR"), "mark.span-trigger")
        assert trigger.text and trigger.text in mention.text
        colour = d.execute_script("return getComputedStyle(arguments[0]).backgroundColor", trigger)  # type: ignore[attr-defined]
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert d.find_elements(_by("CSS_SELECTOR"), ".sides .side")  # type: ignore[attr-defined]
    _shot(d, "event")
    if os.environ.get("NEWSLEDGER_DOCS_SCREENSHOT"):
        d.save_screenshot(str(ROOT / "docs" / "event-page.png"))  # type: ignore[attr-defined]


def test_browser_story_page_shows_its_brief_with_working_citations(browser: object, base_url: str) -> None:
    d = browser
    d.get(base_url + "/stories")  # type: ignore[attr-defined]
    _follow(d, d.find_element(_by("PARTIAL_LINK_TEXT"), "Russia hands over four Mi-17"))  # type: ignore[attr-defined]
    assert d.find_element(_by("CSS_SELECTOR"), "li.copy, ul.articles li")  # type: ignore[attr-defined]
    cites = d.find_elements(_by("CSS_SELECTOR"), ".brief-text a.cite")  # type: ignore[attr-defined]
    references = d.find_elements(_by("CSS_SELECTOR"), "ol.references li")  # type: ignore[attr-defined]
    assert cites and references
    targets = {c.get_attribute("href").split("#")[1] for c in cites}
    assert targets == {r.get_attribute("id") for r in references}
    first = references[0].find_element(_by("TAG_NAME"), "q").text
    assert first and first in d.find_element(_by("TAG_NAME"), "body").text  # type: ignore[attr-defined]
    _shot(d, "story-brief")
    target = cites[0].get_attribute("href").split("#")[1]
    cites[0].click()
    assert urlparse(d.current_url).fragment == target  # type: ignore[attr-defined]


def test_browser_hostile_article_shows_as_text_and_runs_nothing(browser: object, base_url: str) -> None:
    d = browser
    d.get(base_url + "/events?q=%3Cscript%3E")  # type: ignore[attr-defined]
    assert int(d.find_element(_by("ID"), "total").text) == 1  # type: ignore[attr-defined]
    _follow(d, d.find_element(_by("CSS_SELECTOR"), "table.events tbody td:last-child a"))  # type: ignore[attr-defined]
    assert d.title != "pwned"  # type: ignore[attr-defined]
    stored = d.find_element(
        _by("XPATH"), "//article[contains(., 'hostile') or contains(., '<script>')]//a[text()='stored text']"
    )  # type: ignore[attr-defined]
    _follow(d, stored)
    body = d.find_element(_by("TAG_NAME"), "body").text  # type: ignore[attr-defined]
    assert "<script>document.title='pwned'</script>" in body
    assert "</textarea>" in body and '<a href="javascript:' in body
    # The payloads would set the title to exactly 'pwned'; the article's hostile title shows as text instead.
    assert d.title == "<script>document.title='pwned'</script>Helicopters · newsledger"  # type: ignore[attr-defined]
    assert d.find_elements(_by("TAG_NAME"), "script") == []  # type: ignore[attr-defined]
    assert d.find_elements(_by("TAG_NAME"), "textarea") == []  # type: ignore[attr-defined]
    assert not [
        a for a in d.find_elements(_by("TAG_NAME"), "a") if (a.get_attribute("href") or "").startswith("javascript:")
    ]  # type: ignore[attr-defined]
    _shot(d, "hostile-article")
