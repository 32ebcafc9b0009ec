"""The console in a real headless Chromium against a live `hub serve`, on every backend."""

from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from hub.db.engine import Database
from hub.db.enums import InstitutionStatus
from hub.db.institution import Institution
from hub.demo.console_people import SALES_ORG_PATH
from hub.demo.directory import ZHONGSHAN
from hub.global_ids import encode_id
from tests.console.live_site import DemoSite, screenshot

# One worker runs the module: one served demo and one Chromium per backend, not per worker.
pytestmark = pytest.mark.xdist_group("console-browser")


def _wait(driver: webdriver.Chrome, css: str) -> WebElement:
    return WebDriverWait(driver, 20).until(
        shown.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def sign_in(driver: webdriver.Chrome, site: DemoSite, username: str) -> None:
    """Sign in through the form, as a fresh browser would (earlier cookies dropped)."""
    driver.get(f"{site.url}/signin")
    driver.delete_all_cookies()
    driver.get(f"{site.url}/signin")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(site.people[username].password)
    driver.find_element(By.ID, "signin").click()
    _wait(driver, "#who")


def _submit(driver: webdriver.Chrome, button: WebElement) -> None:
    """Click a form's button and wait until the browser has left the page."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(shown.staleness_of(page))


def _accept_confirmation(driver: webdriver.Chrome) -> None:
    WebDriverWait(driver, 10).until(shown.alert_is_present()).accept()


def _column_of(driver: webdriver.Chrome, name: str) -> int:
    headers = driver.find_elements(By.CSS_SELECTOR, "#pair th.record")
    return next(i for i, header in enumerate(headers) if header.text.splitlines()[0] == name)


def _cell(driver: webdriver.Chrome, field: str, column: int) -> WebElement:
    return driver.find_elements(By.CSS_SELECTOR, f'#pair tr[data-field="{field}"] td')[column]


def _open_zhongshan_pair(driver: webdriver.Chrome, site: DemoSite) -> None:
    driver.get(f"{site.url}/duplicates?entity=Institution")
    row = next(
        row
        for row in driver.find_elements(By.CSS_SELECTOR, "#queue tr")
        if ZHONGSHAN in row.text and "中山医院" in row.text.replace(ZHONGSHAN, "", 1)
    )
    row.find_element(By.CSS_SELECTOR, "a.open-pair").click()
    _wait(driver, "#pair")


def test_steward_merges_the_three_way_hospital_duplicate_and_undoes_it(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    sign_in(browser, demo_site, "li.na")
    _open_zhongshan_pair(browser, demo_site)
    headers = [
        h.text.splitlines()[0] for h in browser.find_elements(By.CSS_SELECTOR, "#pair th.record")
    ]
    assert len(headers) == 3 and ZHONGSHAN in headers
    assert browser.find_elements(By.CSS_SELECTOR, "#evidence tr td code")
    survivor = _column_of(browser, ZHONGSHAN)
    browser.find_elements(By.CSS_SELECTOR, 'input[name="survivor"]')[survivor].click()
    other = next(i for i in range(3) if i != survivor)
    kept = _cell(browser, "address", other).text
    original = _cell(browser, "address", survivor).text
    assert kept != original
    _cell(browser, "address", other).find_element(By.CSS_SELECTOR, "input").click()
    _cell(browser, "name", survivor).find_element(By.CSS_SELECTOR, "input").click()
    screenshot(browser, tmp_path, "pair", for_readme=True)

    browser.find_element(By.ID, "merge").click()
    _accept_confirmation(browser)
    assert _wait(browser, "#merge-state").text == "有效"
    assert browser.find_element(By.ID, "survivor").text.startswith(ZHONGSHAN)
    assert browser.find_element(By.ID, "merged").text.count("已合并") == 2
    assert "联系人" in browser.find_element(By.ID, "moved").text
    browser.find_element(By.CSS_SELECTOR, "#survivor a").click()
    assert kept in _wait(browser, '#fields tr[data-field="address"] td').text

    browser.get(f"{demo_site.url}/merges")
    first = browser.find_elements(By.CSS_SELECTOR, "#merges tr")[1]
    assert "li.na" in first.text and "地址" in first.text
    first.find_element(By.CSS_SELECTOR, "a.open-merge").click()
    _wait(browser, "#undo").click()
    _accept_confirmation(browser)
    WebDriverWait(browser, 20).until(
        shown.text_to_be_present_in_element((By.ID, "merge-state"), "已撤销")
    )
    assert browser.find_element(By.ID, "merged").text.count("正常") == 2
    browser.find_element(By.CSS_SELECTOR, "#survivor a").click()
    assert _wait(browser, '#fields tr[data-field="address"] td').text == original
    assert "证照" in browser.find_element(By.ID, "timeline").text
    screenshot(browser, tmp_path, "record", for_readme=True)


def _review_row(driver: webdriver.Chrome, number: str) -> WebElement:
    return _wait(driver, f'#reviews tr[data-number="{number}"]')


def test_two_reviewers_approve_a_certificate_and_the_first_cannot_approve_twice(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    sign_in(browser, demo_site, "li.na")
    browser.get(f"{demo_site.url}/reviews")
    row = next(
        r
        for r in browser.find_elements(By.CSS_SELECTOR, "#reviews tr[data-number]")
        if "待初审" in r.text
    )
    number = row.get_attribute("data-number")
    assert number
    screenshot(browser, tmp_path, "reviews", for_readme=True)
    _submit(browser, row.find_element(By.CSS_SELECTOR, "button.approve"))
    assert "待复审" in _review_row(browser, number).text
    assert "li.na" in _review_row(browser, number).find_element(By.CSS_SELECTOR, ".next").text

    _submit(browser, _review_row(browser, number).find_element(By.CSS_SELECTOR, "button.approve"))
    refusal = _wait(browser, f'#reviews tr[data-number="{number}"] .user-errors')
    assert "SAME_REVIEWER" in refusal.text

    sign_in(browser, demo_site, "wang.fang")
    browser.get(f"{demo_site.url}/reviews")
    _submit(browser, _review_row(browser, number).find_element(By.CSS_SELECTOR, "button.approve"))
    assert _wait(browser, "#reviews")
    assert not browser.find_elements(By.CSS_SELECTOR, f'#reviews tr[data-number="{number}"]')


_FORGED_MERGE = """
const form = document.createElement("form");
form.method = "post";
form.action = arguments[0];
for (const [name, value] of [["csrf", arguments[1]], ["survivor", "x"], ["member", "x"]]) {
  const input = document.createElement("input");
  input.name = name;
  input.value = value;
  form.appendChild(input);
}
document.body.appendChild(form);
form.submit();
"""


def test_auditor_sees_no_action_and_a_forged_merge_is_refused(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    sign_in(browser, demo_site, "zhao.min")
    browser.get(f"{demo_site.url}/duplicates?entity=Institution")
    browser.find_element(By.CSS_SELECTOR, "a.open-pair").click()
    _wait(browser, "#pair")
    pair_url = browser.current_url
    assert not browser.find_elements(By.CSS_SELECTOR, "#merge, #dismiss, input[name=survivor]")
    browser.get(f"{demo_site.url}/reviews")
    assert browser.find_elements(By.CSS_SELECTOR, "#reviews tr[data-number]")
    assert not browser.find_elements(By.CSS_SELECTOR, "button.approve, button.reject")

    browser.get(pair_url)
    csrf = browser.find_element(By.CSS_SELECTOR, "form.who input[name=csrf]").get_attribute("value")
    browser.execute_script(_FORGED_MERGE, f"{pair_url}/merge", csrf)
    assert _wait(browser, "#refusal").text
    assert "无权操作" in browser.find_element(By.TAG_NAME, "h1").text
    screenshot(browser, tmp_path, "auditor-refused")


async def _institution_ids(site: DemoSite) -> tuple[str, str]:
    database = Database(site.database_url)
    try:
        async with database.reader() as session:
            live = Institution.status == InstitutionStatus.ACTIVE
            inside = (
                (
                    await session.execute(
                        select(Institution.id).where(live, Institution.org_path == SALES_ORG_PATH)
                    )
                )
                .scalars()
                .first()
            )
            outside = (
                (
                    await session.execute(
                        select(Institution.id).where(
                            live, Institution.org_path == "cn/north/beijing"
                        )
                    )
                )
                .scalars()
                .first()
            )
    finally:
        await database.dispose()
    assert inside is not None and outside is not None
    return encode_id("Institution", inside), encode_id("Institution", outside)


async def test_sales_opens_a_record_of_their_region_but_not_one_outside_it_by_url(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    inside, outside = await _institution_ids(demo_site)
    sign_in(browser, demo_site, "chen.jie")
    browser.get(f"{demo_site.url}/records/{inside}")
    assert _wait(browser, "#record-name").text
    assert "cn/east/shanghai" in browser.find_element(By.ID, "fields").text
    browser.get(f"{demo_site.url}/records/{outside}")
    assert "未找到" in _wait(browser, "h1").text
    assert not browser.find_elements(By.ID, "record-name")
    screenshot(browser, tmp_path, "sales-outside-region")


def test_compliance_shows_reasons_and_what_falls_due_in_the_chosen_window(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    sign_in(browser, demo_site, "zhao.min")
    browser.get(f"{demo_site.url}/compliance?status=NOT_QUALIFIED&days=30")
    reasons = browser.find_elements(By.CSS_SELECTOR, "#qualification ul.reasons li")
    assert reasons and all(reason.text for reason in reasons)
    within_30 = len(browser.find_elements(By.CSS_SELECTOR, "#due tr")) - 1
    Select(browser.find_element(By.ID, "days")).select_by_value("365")
    _submit(browser, browser.find_element(By.CSS_SELECTOR, "form.inline button"))
    assert "days=365" in browser.current_url
    within_365 = len(browser.find_elements(By.CSS_SELECTOR, "#due tr")) - 1
    assert within_365 > within_30
    screenshot(browser, tmp_path, "compliance")


def test_graphiql_starts_from_the_hubs_own_files(
    browser: webdriver.Chrome, demo_site: DemoSite, tmp_path: Path
) -> None:
    browser.get(demo_site.url.removesuffix("/console") + "/graphql")
    assert _wait(browser, ".graphiql-query-editor")
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    assert loaded and all(url.startswith(demo_site.url.removesuffix("/console")) for url in loaded)
    screenshot(browser, tmp_path, "graphiql")
