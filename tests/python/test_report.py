"""The HTML report, opened in a real browser (Debian's Chromium, driven by Playwright): every
page renders its charts without a console error, the integrity numbers shown are those of
`leadhub integrity --json`, the conversion filters re-add the marts' own numbers, a degraded
build is shown failing, and the page fits a phone. Screenshots of every page go to
build/report-screenshots/ for a person to look at."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from warehouse_builds import ROOT, Built
from warehouse_builds import cli as _cli

from leadhub.report import REPORT_FILE, write_report
from leadhub.report.render import PAGES, cell, fmt

CHROMIUM = os.environ.get("LEADHUB_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "report-screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: install Debian's chromium (.ci/run does) or set LEADHUB_CHROMIUM"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Opened:
    """A report page in the browser, with every console error and page error it raised."""

    def __init__(self, browser, path: Path, page: str, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.fetched: list[str] = []  # every address the page asked for besides itself
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        own = path.resolve().as_uri()
        self.page.on("request", lambda r: None if r.url.split("#")[0] == own else self.fetched.append(r.url))
        self.page.goto(f"{path.resolve().as_uri()}#{page}")
        self.page.wait_for_selector(f'#page-{page}.active[data-charts-ready="true"]', timeout=30_000)

    def charts(self, page: str) -> list[dict]:
        return self.page.eval_on_selector_all(
            f"#page-{page} .chart",
            "els => els.map(e => ({key: e.dataset.chart, rendered: e.dataset.rendered,"
            " marks: e.querySelectorAll('svg path, svg rect, svg line, svg text').length,"
            " width: e.getBoundingClientRect().width, height: e.getBoundingClientRect().height}))",
        )

    def cells(self, selector: str) -> list[list[str]]:
        return self.page.eval_on_selector_all(
            f"{selector} tbody tr",
            "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))",
        )


@pytest.fixture(scope="module")
def reports(warehouses: dict[str, Built], tmp_path_factory) -> dict[str, Path]:
    """The sample's report on each engine, written by `leadhub report`."""
    out = {}
    for engine, built in warehouses.items():
        folder = tmp_path_factory.mktemp(f"report-{engine}")
        result = _cli(built, "report", "--out", str(folder))
        assert result.exit_code == 0, result.output
        assert re.search(r"report: .*index\.html \(\d+\.\d MB, \d+\.\d+s\)", result.output), result.output
        out[engine] = folder / REPORT_FILE
    return out


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_every_page_renders_its_charts_without_errors(browser, reports, engine: str) -> None:
    path = reports[engine]
    assert path.stat().st_size < 5_000_000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for page, _ in PAGES:
        opened = Opened(browser, path, page)
        charts = opened.charts(page)
        assert charts, f"page {page} has no chart"
        for chart in charts:
            assert chart["rendered"] == "true", (page, chart)
            assert chart["marks"] > 10 and chart["width"] > 100 and 40 < chart["height"] < 5000, (page, chart)
        assert opened.errors == [], (page, opened.errors)
        # self-contained: no script, style, font or image is fetched from anywhere
        assert opened.fetched == [], (page, opened.fetched)
        opened.page.screenshot(path=str(SCREENSHOTS / f"{engine}-{page}.png"), full_page=True)
        opened.page.close()


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_the_integrity_page_shows_the_numbers_of_leadhub_integrity(
    browser, reports, warehouses: dict[str, Built], engine: str
) -> None:
    result = _cli(warehouses[engine], "integrity", "--json")
    checks = {c["check_name"]: c for c in json.loads(result.output)["checks"]}
    opened = Opened(browser, reports[engine], "integrity")
    shown = {row[0]: row for row in opened.cells("#table-checks")}
    assert set(shown) == set(checks)
    for name, check in checks.items():
        _, status, rate, numerator, denominator, *_ = shown[name]
        assert status.lower() == check["status"]
        assert numerator == f"{check['numerator']:,}" and denominator == f"{check['denominator']:,}"
        if check["check_type"] == "linkage_rate":
            assert rate == f"{check['rate']:.1%}"
    assert opened.page.locator("#failing-checks").count() == 0
    assert opened.page.locator("#not-published").count() == 0
    opened.page.close()


def test_a_failing_check_is_shown_failing(browser, degraded: dict[str, Built], tmp_path) -> None:
    built = degraded["bad_lead_known_rate=0.3"]
    written = write_report(built.target, tmp_path)
    assert written.failing_checks >= 1 and not written.published
    opened = Opened(browser, written.path, "overview")
    banner = opened.page.locator("#failing-checks").inner_text()
    assert "bad_lead_to_lead_status (error)" in banner
    assert "not published" in opened.page.locator("#not-published").inner_text()
    opened.page.goto(f"{written.path.resolve().as_uri()}#integrity")
    opened.page.wait_for_selector('#page-integrity.active[data-charts-ready="true"]')
    row = opened.page.locator('#table-checks tr[data-check="bad_lead_to_lead_status"]')
    assert row.get_attribute("data-status") == "error"
    assert "ERROR" in row.inner_text()
    assert opened.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / "degraded-integrity.png"), full_page=True)
    opened.page.close()


def test_build_writes_the_report_also_when_a_test_fails(degraded: dict[str, Built], tmp_path) -> None:
    """`leadhub build` ends with the report, where LEADHUB_REPORT_DIR says, even when an
    error-level test failed: that is when a manager most needs to see it."""
    built = degraded["jobs_contacts=false"]
    result = _cli(built, "build", LEADHUB_REPORT_DIR=str(tmp_path / "reports"))
    assert result.exit_code == 1, result.output
    written = tmp_path / "reports" / REPORT_FILE
    assert f"report: {written} (" in result.output and "marts NOT published" in result.output, result.output
    assert "job_to_customer" in written.read_text(encoding="utf-8")


def test_the_conversion_filters_give_the_marts_numbers(
    browser, reports, warehouses: dict[str, Built]
) -> None:
    built = warehouses["duckdb"]
    _, by_branch = built.rows(
        f"(select branch_name, lead_count, booked_count from {built.schema}.conversion_by_branch "
        "where branch_name is not null order by lead_count desc) as b"
    )
    opened = Opened(browser, reports["duckdb"], "conversion")
    total = sum(
        int(r[0]) for r in built.rows(f"(select lead_count from {built.schema}.conversion_by_month) as m")[1]
    )
    assert opened.page.locator('[data-kpi="lead_count"]').inner_text() == f"{total:,}"
    for name, leads, booked in by_branch[:3]:
        opened.page.select_option("#filter-branch", name)
        assert opened.page.locator('[data-kpi="lead_count"]').inner_text() == f"{int(leads):,}"
        assert opened.page.locator('[data-kpi="booked_count"]').inner_text() == f"{int(booked):,}"
        assert (
            opened.page.locator('[data-kpi="booking_rate"]').inner_text() == f"{int(booked) / int(leads):.1%}"
        )
        assert [row[0] for row in opened.cells("#table-branches")] == [name]
    # a month range: the monthly table shows exactly the months chosen
    months = opened.page.eval_on_selector_all("#filter-from option", "os => os.map(o => o.value)")
    opened.page.select_option("#filter-branch", "")
    opened.page.select_option("#filter-from", months[1])
    opened.page.select_option("#filter-to", months[3])
    assert [row[0] for row in opened.cells("#table-monthly")] == [m[:7] for m in months[1:4]]
    assert opened.errors == []
    opened.page.close()


def test_the_report_fits_a_phone(browser, reports) -> None:
    for page in ("overview", "conversion"):
        opened = Opened(browser, reports["duckdb"], page, width=390)
        overflow = opened.page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390, (page, overflow)
        assert opened.errors == []
        opened.page.screenshot(path=str(SCREENSHOTS / f"phone-{page}.png"), full_page=True)
        opened.page.close()


def test_values_are_formatted_for_people() -> None:
    assert fmt(1234567, "int") == "1,234,567"
    assert fmt(0.98765, "pct") == "98.8%"
    assert fmt(1234.5, "money") == "1,234.50"
    assert fmt(None, "int") == "–"
    assert fmt(True) == "yes"
    # the cell keeps the raw value to sort by, and escapes what it shows
    assert str(cell(1234, "int")) == '<td class="int" data-sort="1234">1,234</td>'
    assert "&lt;b&gt;" in str(cell("<b>", "text"))
