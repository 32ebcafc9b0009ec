"""A demo hub served by a real `hub serve` process, and a headless Chromium to drive it."""

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from hub.demo.console_people import DemoPerson

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1440,1100",
    "--lang=zh-CN",
)
SCREENSHOTS_ENV = "HUB_CONSOLE_SCREENSHOTS"
"""Set to a folder (e.g. docs/console) to also copy the README's screenshots there."""


@dataclass
class DemoSite:
    """A served demo database: its URL, its database URL and the demo people's sign-ins."""

    url: str
    database_url: str
    people: dict[str, DemoPerson]


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_hub(database_url: str, port: int) -> subprocess.Popen[bytes]:
    """`hub serve` on the port, answering /readyz before this returns."""
    environment = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_LOG_LEVEL": "WARNING",
        "HUB_WEBHOOKS_DISPATCH": "false",
    }
    hub = str(Path(sys.executable).with_name("hub"))
    process = subprocess.Popen(
        [hub, "serve", "--host", "127.0.0.1", "--port", str(port)], env=environment
    )
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"hub serve exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError("hub serve did not become ready")


def stop_hub(process: subprocess.Popen[bytes]) -> None:
    """Stop the server started by `start_hub`."""
    process.terminate()
    process.wait(timeout=30)


def chromium(profile: Path) -> webdriver.Chrome:
    """Debian's Chromium, headless, with a fresh profile; nothing is downloaded."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def screenshot(
    driver: webdriver.Chrome, folder: Path, name: str, *, for_readme: bool = False
) -> Path:
    """Save the whole page (up to 2,400 pixels high) under the test's temporary folder, and
    the README's when asked."""
    path = folder / f"{name}.png"
    width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
    page_height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(int(page_height), height), 2400))
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.set_window_size(width, height)
    published = os.environ.get(SCREENSHOTS_ENV)
    if published and for_readme:
        Path(published).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(published) / path.name)
    return path
