"""The HTML report in a real browser: headless Chromium (Debian's chromium and chromium-driver,
which .ci/run installs when missing) driven by selenium. The page fits 1280 px without scrolling
sideways, the matrix has one cell per outlet and quote, and hovering a mark shows the wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from typer.testing import CliRunner

from quotetrack.cli import app
from quotetrack.pipeline import scan

from .conftest import SEEDS

WIDTH = 1280


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "install Debian's chromium and chromium-driver (.ci/run does)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},1000", "--hide-scrollbars"):
        options.add_argument(arg)
    with webdriver.Chrome(options=options, service=Service(executable_path=driver)) as chrome:
        chrome.set_window_size(WIDTH, 1000)
        yield chrome


def report(tmp_path: Path, *args: str) -> Path:
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", *args, "-o", str(page), "-q"])
    assert result.exit_code == 0, result.output
    return page


def overflow(chrome) -> int:
    """How far the page reaches past the window's width, in CSS pixels."""
    return chrome.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_the_seeds_report_fits_and_has_a_cell_per_outlet_and_quote(browser, tmp_path):
    browser.get(report(tmp_path, str(SEEDS)).as_uri())
    assert overflow(browser) <= 0
    clusters = scan([str(SEEDS)]).clusters
    outlets = browser.find_elements(By.CSS_SELECTOR, "table.matrix thead th.outlet")
    assert [o.text.split()[0] for o in outlets] == ["000", "002", "Reuters", "001", "004"]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
    assert len(rows) == len(clusters)
    for row, cluster in zip(rows, clusters):
        marks = row.find_elements(By.CSS_SELECTOR, "td.mark")
        assert len(marks) == len(outlets)
        assert sum(1 for m in marks if m.text) == len(cluster.outlets)
    first = rows[0].find_elements(By.CSS_SELECTOR, "td.mark")
    assert first[-1].get_attribute("title") == "We agree with the proposal to stop the hostilities"  # hover
    assert first[0].text == "\u2605" and first[-1].text == "\u25cf\u2260"


def test_a_large_corpus_report_still_fits(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(120):  # 120 articles, each its own outlet
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (corpus / f"story-{i:03d}.txt").write_text(
            f"{text}\n“Copy number {i} of a long, long quotation that goes on and on,” Jane Roe said.\n",
            encoding="utf-8")
    browser.get(report(tmp_path, str(corpus), "--no-index", "--limit", "30").as_uri())
    assert overflow(browser) <= 0
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")) == 30
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix thead th.outlet")) <= 40
    assert "more quotes not shown" in browser.find_element(By.ID, "matrix").text
