"""The web app in a real browser against a real server: the whole journey a person takes, the reset
flow, tenancy between two users, the keyboard alone, and screenshots at phone and desktop sizes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.support import (
    DESKTOP,
    EXAMPLES_DIR,
    PASSWORD,
    PHONE,
    ApiUser,
    Server,
    link_from_outbox,
    skip_without_browser,
)

skip_without_browser()

from playwright.sync_api import Browser, BrowserContext, Page, Route, expect  # noqa: E402

pytestmark = pytest.mark.slow

RESUME = EXAMPLES_DIR / "resume.txt"
JOB = EXAMPLES_DIR / "job.txt"


class PageErrors:
    """Collects uncaught script errors and console errors of a page; the tests expect none."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        text = str(message.text)
        # The browser logs every 4xx answer as a console error; the tests provoke some on purpose.
        if "Failed to load resource" in text:
            return
        self.errors.append(f"console: {text}")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    ctx.set_default_timeout(20_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest, artifacts_dir: Path) -> Iterator[Page]:
    tab = context.new_page()
    errors = PageErrors(tab)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        tab.screenshot(path=str(artifacts_dir / f"failure-{request.node.name}.png"), full_page=True)
    assert errors.errors == []


@pytest.fixture(scope="module")
def seeded(server: Server) -> Iterator[dict[str, Any]]:
    """A verified user with a parsed resume, a job description and a completed optimization (API-made)."""
    user = ApiUser(server, "grace@example.com", "Grace Hopper").register().login()
    resume = user.upload_resume(RESUME)
    job = user.add_job(JOB)
    optimization = user.optimize(resume["id"], job["id"])
    try:
        yield {"user": user, "resume": resume, "job": job, "optimization": optimization}
    finally:
        user.close()


def signed_in_page(context: BrowserContext, user: ApiUser) -> Page:
    context.add_init_script(user.session_script())
    return context.new_page()


def log_in(page: Page, server: Server, email: str, password: str = PASSWORD) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def field_error(page: Page, label: str) -> Any:
    """The error element an input points at with aria-describedby (the one next to it)."""
    control = page.get_by_label(label, exact=True)
    ids = (control.get_attribute("aria-describedby") or "").split()
    error_ids = [value for value in ids if value.endswith("-error")]
    assert error_ids, f"{label} has no error element"
    return page.locator(f"#{error_ids[0]}")


STATUS_RECORDER = """() => {
    window.__statusLog = [];
    new MutationObserver(() => {
        const line = document.getElementById('live-status');
        const log = window.__statusLog;
        if (line && log[log.length - 1] !== line.textContent) log.push(line.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""
"""Records each text of the live status line, however briefly it shows."""


def _answer_still_queued(route: Route) -> None:
    response = route.fetch()
    body = response.json()
    body.update(status="queued", result=None, completedAt=None)
    route.fulfill(response=response, json=body)


def test_the_whole_journey(server: Server, page: Page, tmp_path: Path) -> None:
    email = "ada@example.com"

    # Sign up: the page says where the email went.
    page.goto(server.url("/signup"))
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/verify-email"))
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.locator(".hint-box")).to_contain_text("outbox")

    # Verify from the emailed link: the token leaves the address bar, a button confirms.
    page.goto(link_from_outbox(server, email, "/verify-email"))
    expect(page.get_by_role("button", name="Confirm my email")).to_be_visible()
    assert "token=" not in page.url
    page.get_by_role("button", name="Confirm my email").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("#flash")).to_contain_text("Your email is confirmed")

    # Log in.
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/app$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Lovelace")

    # A reload in a fresh tab state renews the session from the HttpOnly refresh cookie.
    page.evaluate("sessionStorage.clear()")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada Lovelace")

    # Upload: a wrong type and an oversized file are refused next to the control.
    page.get_by_role("link", name="Upload a resume").first.click()
    expect(page).to_have_url(re.compile(r"/app/resumes/new$"))
    file_input = page.get_by_label("Resume file")
    upload_error = field_error(page, "Resume file")
    file_input.set_input_files(
        {"name": "setup.exe", "mimeType": "application/octet-stream", "buffer": b"MZ" * 64}
    )
    expect(upload_error).to_contain_text("not a file resuMAX can read")
    expect(file_input).to_have_attribute("aria-invalid", "true")
    big = b"x" * (11 * 1024 * 1024)
    file_input.set_input_files({"name": "huge.txt", "mimeType": "text/plain", "buffer": big})
    expect(upload_error).to_contain_text("too large")
    # Over this server's smaller limit: refused in the same place, by the browser when the server told
    # it the limit (GET /meta), else by the server when the upload starts.
    server_big = (b"Experience\n" + b"word " * 700_000)[: 3 * 1024 * 1024]
    file_input.set_input_files({"name": "long.txt", "mimeType": "text/plain", "buffer": server_big})
    if not upload_error.text_content():
        page.get_by_role("button", name="Upload", exact=True).click()
    expect(upload_error).to_contain_text("too large")

    file_input.set_input_files(str(RESUME))
    expect(page.locator(".file-chosen")).to_contain_text("resume.txt")
    with page.expect_request(lambda request: request.method == "PUT" and "/blobs/upload" in request.url):
        page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_text("Your resume is ready.")).to_be_visible()

    # Paste the job description.
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Add a job description").first.click()
    page.get_by_label("Job description", exact=True).fill(JOB.read_text())
    page.get_by_role("button", name="Save job description").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Backend Engineer")
    expect(page.locator(".chips-need")).to_contain_text("Python")

    # Optimize with live status (the event stream is read with fetch and the bearer token). The offline
    # engine can finish before the page first asks, so that first answer is held at "queued": the page
    # must then follow the real event stream to the end.
    page.get_by_role("link", name="Optimize a resume for this job").click()
    expect(page.get_by_label("Job description", exact=True)).to_be_visible()
    page.route(re.compile(r"/optimize/[^/?]+$"), _answer_still_queued, times=1)
    page.evaluate(STATUS_RECORDER)
    with page.expect_response(lambda response: response.url.endswith("/events")) as stream:
        page.get_by_role("button", name="Optimize").click()
    assert stream.value.status == 200
    assert stream.value.headers["content-type"].startswith("text/event-stream")
    assert stream.value.request.headers["authorization"].startswith("Bearer ")
    expect(page.get_by_role("heading", name="Review the suggested changes")).to_be_visible()
    assert page.evaluate("window.__statusLog")[0] == "Status: Queued…"
    optimization_url = page.url

    # The review: score components, skills, side-by-side changes, tips.
    expect(page.locator(".component").first).to_be_visible()
    expect(page.get_by_role("heading", name="Required skills")).to_be_visible()
    expect(page.locator(".component-details summary").first).to_contain_text("Matched")
    expect(page.get_by_role("heading", name=re.compile(r"^Matched \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Missing \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("heading", name="Tips")).to_be_visible()
    changes = page.locator("article.change")
    total = changes.count()
    assert total > 1
    expect(changes.first.locator("ins").first).to_be_visible()
    expect(changes.first.get_by_text("Evidence from your resume")).to_be_visible()
    expect(page.locator("#score-note")).to_contain_text("Score with 0 accepted changes")

    with page.expect_response(lambda response: response.url.endswith("/preview")) as preview:
        page.get_by_role("button", name=re.compile(r"^Accept change 1:")).click()
    assert preview.value.request.post_data_json["acceptedChanges"] == [
        changes.first.get_attribute("data-change-id")
    ]
    expect(page.locator("#score-note")).to_contain_text("Score with 1 accepted change:")
    expect(page.locator("#accepted-count")).to_contain_text(f"1 of {total} accepted")
    expect(changes.first).to_have_attribute("data-state", "accepted")

    page.get_by_role("button", name="Accept all").click()
    expect(page.locator("#score-note")).to_contain_text(f"Score with {total} accepted changes")
    expect(page.locator("#accepted-count")).to_contain_text(f"{total} of {total} accepted")

    # The choices survive a reload.
    page.reload()
    expect(page.locator("#accepted-count")).to_contain_text(f"{total} of {total} accepted")

    # Create the version, export a PDF in the modern template, and see the round-trip check.
    page.get_by_role("button", name=f"Create version with {total} changes").click()
    expect(page.get_by_role("heading", name="Your tailored version")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/app/versions/[^/?]+$"))
    page.get_by_label("PDF").check()
    page.get_by_label("Template").select_option("modern")
    page.get_by_role("button", name="Export").click()
    check = page.locator(".export-result .check")
    expect(check).to_contain_text(re.compile(r"ATS check: \d+/\d+ sections, \d+% of text"))
    expect(check).to_have_attribute("data-passed", "true")
    with page.expect_download() as download_info:
        page.locator(".export-result").get_by_role("link", name="Download PDF (modern)").click()
    saved = tmp_path / "resume.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # Version history.
    page.get_by_role("link", name="Versions", exact=True).click()
    expect(page.get_by_role("heading", name="Version history")).to_be_visible()
    expect(page.locator("table.data-table tbody tr")).to_have_count(1)

    # Profile and preferences persist.
    page.get_by_role("link", name="Profile").click()
    page.get_by_label("Name", exact=True).fill("Ada King")
    page.get_by_label("Email me when an optimization is ready").uncheck()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Ada King")
    expect(page.get_by_label("Email me when an optimization is ready")).not_to_be_checked()

    # Log out: the app's pages now ask to log in again.
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("#flash")).to_contain_text("signed out")
    page.goto(optimization_url)
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_password_reset(server: Server, page: Page) -> None:
    user = ApiUser(server, "reset@example.com", "Reset Person").register(verify=False)
    user.close()
    page.goto(server.url("/login"))
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Send me a reset link").click()
    expect(page.get_by_text("If an account uses that address")).to_be_visible()

    page.goto(link_from_outbox(server, user.email, "/reset-password"))
    assert "token=" not in page.url
    page.get_by_label("New password", exact=True).fill("a brand new passphrase 7")
    page.get_by_label("Repeat the new password").fill("a different one entirely")
    page.get_by_role("button", name="Set new password").click()
    expect(field_error(page, "Repeat the new password")).to_have_text("The two passwords differ.")
    page.get_by_label("Repeat the new password").fill("a brand new passphrase 7")
    page.get_by_role("button", name="Set new password").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("#flash")).to_contain_text("password is changed")

    log_in(page, server, user.email, PASSWORD)
    expect(page.locator(".form-error")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login"))
    log_in(page, server, user.email, "a brand new passphrase 7")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Reset Person")
    # Following the emailed reset link proved the address, so no "confirm your email" banner.
    expect(page.locator(".banner-warn")).to_have_count(0)

    # Delete the account: the dialog asks for the password and shows a wrong one next to the field.
    page.get_by_role("link", name="Profile").click()
    page.get_by_role("button", name="Delete my account…").click()
    dialog = page.get_by_role("dialog", name="Delete your account?")
    dialog.get_by_label("Your password").fill("not my password")
    dialog.get_by_role("button", name="Delete my account").click()
    expect(field_error(page, "Your password")).to_have_text("The password is incorrect.")
    dialog.get_by_label("Your password").fill("a brand new passphrase 7")
    dialog.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(re.compile(r"/signup$"))
    expect(page.locator("#flash")).to_contain_text("deleted")
    log_in(page, server, user.email, "a brand new passphrase 7")
    expect(page.locator(".form-error")).to_be_visible()


def test_another_user_sees_none_of_it(
    server: Server, seeded: dict[str, Any], context: BrowserContext
) -> None:
    other = ApiUser(server, "mallory@example.com", "Mallory").register(verify=False).login()
    try:
        page = signed_in_page(context, other)
        errors = PageErrors(page)
        page.goto(server.url("/app"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Mallory")
        expect(page.locator(".banner-warn")).to_contain_text("Confirm your email")
        expect(page.get_by_text("No resumes yet.")).to_be_visible()
        expect(page.get_by_text("No job descriptions yet.")).to_be_visible()
        expect(page.get_by_text("No optimizations yet.")).to_be_visible()

        page.goto(server.url(f"/app/optimizations/{seeded['optimization']['id']}"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(page.get_by_role("alert")).to_contain_text("belongs to another account")
        page.goto(server.url(f"/app/resumes/{seeded['resume']['id']}"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        page.goto(server.url("/app/versions"))
        expect(page.get_by_text("No versions yet.")).to_be_visible()
        assert errors.errors == []
    finally:
        other.close()


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const node = document.activeElement;
            const style = getComputedStyle(node);
            return {
                tag: node.tagName.toLowerCase(),
                label: node.getAttribute('aria-label') || node.textContent.trim(),
                pressed: node.getAttribute('aria-pressed'),
                outline: style.outlineStyle + ' ' + style.outlineWidth,
            };
        }"""
    )


def _tab_to(page: Page, label: str | re.Pattern[str], limit: int = 120) -> dict[str, Any]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        text = focused["label"]
        if (isinstance(label, str) and text == label) or (
            isinstance(label, re.Pattern) and label.search(text)
        ):
            return focused
    raise AssertionError(f"Tab never reached {label!r}")


def test_review_with_the_keyboard_alone(server: Server, seeded: dict[str, Any], page: Page) -> None:
    user: ApiUser = seeded["user"]
    page.goto(server.url("/login"))
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_label("Email").focus()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Grace Hopper")

    page.goto(server.url(f"/app/optimizations/{seeded['optimization']['id']}"))
    expect(page.get_by_role("heading", name="Review the suggested changes")).to_be_visible()
    focused = _tab_to(page, "Accept all")
    assert focused["tag"] == "button"
    assert focused["outline"].startswith("solid"), focused
    focused = _tab_to(page, re.compile(r"^Accept change 1:"))
    assert focused["pressed"] == "false"
    page.keyboard.press("Space")
    assert _focused(page)["pressed"] == "true"
    expect(page.locator("#accepted-count")).to_contain_text("1 of")
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert re.match(r"Reject change 1:", focused["label"]), focused
    page.keyboard.press("Enter")
    expect(page.locator("article.change").first).to_have_attribute("data-state", "rejected")

    # The account-deletion dialog traps focus and closes on Escape, giving focus back.
    page.goto(server.url("/app/profile"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Profile")
    _tab_to(page, "Delete my account…")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Delete your account?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Your password")).to_be_focused()
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert _focused(page)["label"] == "Delete my account…"


UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
    .filter((node) => {
        const named = (node.labels && node.labels.length) || node.getAttribute('aria-label')
            || node.getAttribute('aria-labelledby') || node.textContent.trim();
        return !named;
    })
    .map((node) => node.outerHTML.slice(0, 120))"""
"""Form controls, buttons and links with no accessible name."""

SCREENS = [
    ("login", "/login", "Log in to resuMAX", False),
    ("signup", "/signup", "Create your account", False),
    ("dashboard", "/app", "Hello, Grace Hopper", True),
    ("upload", "/app/resumes/new", "Upload a resume", True),
    ("job", "/app/jobs/{job}", "Senior Backend Engineer", True),
    ("review", "/app/optimizations/{optimization}", "Review the suggested changes", True),
    ("version", "/app/versions/{version}", "Your tailored version", True),
    ("versions", "/app/versions", "Version history", True),
    ("profile", "/app/profile", "Profile", True),
]


@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_screens_are_readable(
    server: Server, seeded: dict[str, Any], browser: Browser, artifacts_dir: Path, viewport_name: str
) -> None:
    user: ApiUser = seeded["user"]
    if "version" not in seeded:
        seeded["version"] = user.call(
            "POST", f"/optimize/{seeded['optimization']['id']}/accept", json={"applyAll": True}
        )
        user.call("POST", "/exports", json={"versionId": seeded["version"]["id"], "format": "pdf"})
    ids = {
        "job": seeded["job"]["id"],
        "optimization": seeded["optimization"]["id"],
        "version": seeded["version"]["id"],
    }
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    for name, path, heading, signed_in in SCREENS:
        ctx = browser.new_context(viewport=viewport, device_scale_factor=1)
        try:
            if signed_in:
                ctx.add_init_script(user.session_script())
            page = ctx.new_page()
            errors = PageErrors(page)
            page.goto(server.url(path.format(**ids)))
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {viewport_name} size"
            assert page.evaluate(UNLABELLED_CONTROLS) == [], name
            page.screenshot(path=str(artifacts_dir / f"{name}-{viewport_name}.png"), full_page=True)
            assert errors.errors == []
        finally:
            ctx.close()


DIFF_CASES = [
    (
        "Responsible for building REST APIs in Python",
        "Built REST APIs in Python",
        ["Responsible for building"],
        ["Built"],
    ),
    (
        "Languages: Python, JavaScript, SQL",
        "Languages: Python, SQL, JavaScript",
        ["JavaScript, "],
        [", JavaScript"],
    ),
    ("", "A new summary.", [], ["A new summary."]),
    ("Same text", "Same text", [], []),
    (
        "Backend developer who builds reliable web services and data pipelines.",
        "Backend Developer with 8+ years of experience, skilled in Python and Docker.",
        ["developer who builds reliable web services and data pipelines"],
        ["Developer with 8+ years of experience, skilled in Python and Docker"],
    ),
]


def test_word_diff_module(server: Server, page: Page) -> None:
    page.goto(server.url("/login"))
    results = page.evaluate(
        """async (cases) => {
            const { diffWords } = await import('/static/js/diff.js');
            return cases.map(([before, after]) => diffWords(before, after));
        }""",
        [[before, after] for before, after, _, _ in DIFF_CASES],
    )
    for (before, after, deleted, inserted), segments in zip(DIFF_CASES, results, strict=True):
        assert "".join(s["text"] for s in segments if s["type"] != "ins") == before
        assert "".join(s["text"] for s in segments if s["type"] != "del") == after
        assert [s["text"] for s in segments if s["type"] == "del"] == deleted
        assert [s["text"] for s in segments if s["type"] == "ins"] == inserted


def test_event_stream_parser_module(server: Server, page: Page) -> None:
    page.goto(server.url("/login"))
    events = page.evaluate(
        """async () => {
            const { createParser } = await import('/static/js/sse.js');
            const seen = [];
            let retry = null;
            const parser = createParser((event) => seen.push(event), (ms) => { retry = ms; });
            const stream = 'retry: 1000\\n\\n: heartbeat\\n\\nevent: status\\ndata: {"status":"queued"}\\n\\n'
                + 'event: end\\r\\ndata: {"a":\\r\\ndata: 1}\\r\\n\\r\\ndata: plain';
            for (const chunk of stream.match(/[\\s\\S]{1,7}/g)) parser.feed(chunk);
            return { seen, retry };
        }"""
    )
    assert events["retry"] == 1000
    assert events["seen"] == [
        {"event": "status", "data": '{"status":"queued"}', "id": ""},
        {"event": "end", "data": '{"a":\n1}', "id": ""},
    ]


def test_failed_checks_dropped_suggestions_and_hostile_text_render_safely(server: Server, page: Page) -> None:
    page.goto(server.url("/login"))
    hostile = '<img src=x onerror="window.pwned=1">Kubernetes'
    rendered = page.evaluate(
        """async (hostile) => {
            const { checkView } = await import('/static/js/pages/versions.js');
            const { droppedPanel, tipsPanel } = await import('/static/js/pages/optimization.js');
            const box = document.createElement('div');
            document.body.append(box);
            box.append(checkView({
                passed: false, label: 'ATS check: 4/6 sections, 80% of text (FAILED)',
                missingSections: ['education', 'skills'], missingWords: ['Kubernetes'],
            }));
            box.append(droppedPanel([{
                change: { section: 'skills', kind: 'skills', after: hostile },
                violations: [
                    { kind: 'skill', text: hostile, reason: 'Kubernetes is not evidenced in your resume.' },
                ],
            }]));
            box.append(tipsPanel([{ section: 'experience', text: hostile, message: 'Add a number.' }]));
            const check = box.querySelector('.check');
            return {
                checkClass: check.className,
                checkRole: check.getAttribute('role'),
                checkColor: getComputedStyle(check).color,
                text: box.textContent,
                images: box.querySelectorAll('img').length,
                pwned: window.pwned === 1,
            };
        }""",
        hostile,
    )
    assert "check-fail" in rendered["checkClass"]
    assert rendered["checkRole"] == "alert"
    assert rendered["checkColor"] == "rgb(165, 29, 36)"
    assert "ATS check: 4/6 sections, 80% of text (FAILED)" in rendered["text"]
    assert "Sections an ATS could not find: education, skills" in rendered["text"]
    assert "Dropped suggestions" in rendered["text"]
    assert "Kubernetes is not evidenced in your resume." in rendered["text"]
    assert hostile in rendered["text"]
    assert rendered["images"] == 0
    assert not rendered["pwned"]
