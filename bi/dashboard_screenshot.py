"""Log in to Superset in headless Chromium, open a dashboard, wait for its charts, take a screenshot.

Runs with .venv-bi's Python (Selenium comes with Superset) and the Debian packages `chromium` and
`chromium-driver` (no driver download: Selenium is given /usr/bin/chromedriver). Prints one JSON
object: how many chart holders the page has, how many drew something (an ECharts canvas/SVG or a
table with rows), the text of any error alert, the filter bar's text, the row counts tables announce
("134 records...") and the screenshot's path.

    .venv-bi/bin/python bi/dashboard_screenshot.py --base-url http://127.0.0.1:8088 \
        --dashboard cchc-ho-so-tthc --user admin --password-file F --out shot.png
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                  "--window-size=1600,1300", "--lang=vi-VN"]

# What a chart holder contains once drawn, and what Superset shows when a chart failed.
RENDER_STATE_JS = """
const holders = [...document.querySelectorAll('.dashboard-component-chart-holder')];
const drawn = holders.filter(h => h.querySelector('canvas, svg, table tbody tr'));
const errors = [...document.querySelectorAll('.alert-danger, .ant-alert-error, [data-test="error-message"], .error-alert')]
    .map(e => e.innerText.trim()).filter(t => t);
const loading = document.querySelectorAll('.loading, [aria-label="Loading"]').length;
const records = [...document.querySelectorAll('.dashboard-component-chart-holder input')]
    .map(i => i.placeholder || '').filter(p => /records/.test(p));
const filterBar = document.querySelector('[data-test="filter-bar"], .filter-bar');
return {holders: holders.length, drawn: drawn.length, errors: errors, loading: loading, table_records: records,
        filter_bar_text: filterBar ? filterBar.innerText : null,
        title: document.title, filter_bar: !!document.querySelector('[data-test="filter-bar"], .filter-bar, [data-test="filterbar-action-buttons"]')};
"""


def capture(base_url: str, dashboard: str, user: str, password: str, out: Path, expected: int,
            timeout: float = 120) -> dict:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="chromium-profile-")   # fresh --user-data-dir every run
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    try:
        driver.set_page_load_timeout(timeout)
        driver.get(f"{base_url}/login/")
        driver.find_element(By.CSS_SELECTOR, "input#username, input[name=username]").send_keys(user)
        password_box = driver.find_element(By.CSS_SELECTOR, "input#password, input[name=password]")
        password_box.send_keys(password)
        password_box.submit() if password_box.tag_name == "input" else None
        deadline = time.monotonic() + timeout
        while "/login" in driver.current_url and time.monotonic() < deadline:
            time.sleep(0.5)
        driver.get(f"{base_url}/superset/dashboard/{dashboard}/?standalone=0")
        state: dict = {}
        while time.monotonic() < deadline:
            state = driver.execute_script(RENDER_STATE_JS)
            if state["errors"] or (state["holders"] >= expected and state["drawn"] >= expected
                                   and not state["loading"]):
                break
            time.sleep(1)
        time.sleep(2)   # let animations finish before the picture
        state = driver.execute_script(RENDER_STATE_JS)
        out.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(out))
        state["screenshot"] = str(out)
        state["url"] = driver.current_url
        return state
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password-file", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--expected-charts", type=int, default=1)
    args = parser.parse_args()
    state = capture(args.base_url, args.dashboard, args.user, args.password_file.read_text().strip(), args.out,
                    args.expected_charts)
    print(json.dumps(state, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
