"""Take the screenshots of docs/img/ (the README's "What it looks like") in headless Chromium.

    python scripts/screenshots.py [--store DIR] [--out docs/img]

Serves the store (default: a fresh build of examples/articles in a temporary folder) with
`kg serve` on 127.0.0.1, and saves the home page, a who-said search whose answers hold a direct
quote, reported speech and mixed speech, a person page, a statement page, and the article
page scrolled to that statement's words, marked. Needs the Debian
packages chromium and chromium-driver, and selenium (in requirements-test.lock).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

REPO = Path(__file__).resolve().parent.parent
SEARCH = "Russia concessions peace talks"
STATEMENT = "6f4d37ac08418b2f_3816-3863"  # Hegseth: Ukraine's NATO ambition was unrealistic
# file -> (path, window height: None for the whole page up to 1400 px)
PAGES = {
    "home.png": ("/", None),
    "search.png": ("/?q=" + SEARCH.replace(" ", "+"), None),
    "person.png": ("/id/person/pete-hegseth", None),
    "statement.png": (f"/id/statement/{STATEMENT}", None),
    # the statement's words marked in the article (the statement page's link), scrolled to them
    "article.png": ("/id/article/6f4d37ac08418b2f#char=3816,3863", 900),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="store to serve (default: build examples/articles)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    chromium, driver = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if not (chromium and driver):
        print("screenshots: chromium and chromium-driver are not installed", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="screenshots-"))
    try:
        store = args.store
        if store is None:
            store = scratch / "store"
            subprocess.run([sys.executable, "-m", "kg", "build", str(REPO / "examples" / "articles"),
                            "--store", str(store)], check=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                                   "--host", "127.0.0.1", "--port", str(port), "--workers", "1"])
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(url + "/sparql")
            _shoot(chromium, driver, url, args.out, scratch)
        finally:
            server.terminate()
            server.wait(10)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urlopen(url, timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _shoot(chromium: str, driver_path: str, url: str, out: Path, scratch: Path) -> None:
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-dev-shm-usage",
                 f"--user-data-dir={scratch / 'profile'}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    out.mkdir(parents=True, exist_ok=True)
    try:
        for name, (path, height) in PAGES.items():
            browser.set_window_size(1100, height or 800)
            browser.get(url + path)
            if height is None:
                height = browser.execute_script("return document.documentElement.scrollHeight")
                # the window is the viewport and the browser's frame: room for the frame too
                browser.set_window_size(1100, min(max(height + 120, 600), 1400))
            browser.save_screenshot(str(out / name))
            print(out / name)
    finally:
        browser.quit()


if __name__ == "__main__":
    raise SystemExit(main())
