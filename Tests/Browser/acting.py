"""Two ways of doing the same things in a page: with the mouse, and with the keyboard alone.

A flow written against an Actor runs both ways (flows.py registers a keyboard twin of each main flow), so "every
flow works with the keyboard alone" is tested, not hoped for. The keyboard actor only presses keys: Tab and
Shift+Tab to reach a control (in whichever direction it lies from the focus), Enter on buttons and links, Space on
check boxes, arrow keys within a radio group, type-ahead in a select.
"""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from harness import Harness


class Actor:
    keyboard = False

    def __init__(self, h: Harness) -> None:
        self.h = h

    def menu(self, href: str, what: str) -> None:
        """Follows the main menu's link to HREF, unfolding the menu first where a narrow screen folds it."""
        raise NotImplementedError

    def fill(self, css: str, value: str, what: str = "") -> None:
        raise NotImplementedError

    def press_button(self, css: str, what: str) -> None:
        """Activates a button, link or summary (the caller wraps it in h.navigating when it loads a page)."""
        raise NotImplementedError

    def choose(self, css: str, what: str) -> None:
        """Checks the radio button CSS."""
        raise NotImplementedError

    def select(self, css: str, text: str, what: str = "") -> None:
        """Picks the option whose visible text is TEXT in the select CSS."""
        raise NotImplementedError

    def folded(self) -> bool:
        return bool(self.h.driver.execute_script(
            "const n = document.getElementById('site-nav'); return !!n && n.classList.contains('folded')"))


class Mouse(Actor):
    def menu(self, href: str, what: str) -> None:
        if self.folded():
            self.h.find("button.menu-toggle", "the menu button").click()
        self.h.find(f'nav#site-nav a[href="{href}"]', what).click()

    def fill(self, css: str, value: str, what: str = "") -> None:
        element = self.h.find(css, what)
        element.clear()
        element.send_keys(value)

    def press_button(self, css: str, what: str) -> None:
        self.h.find(css, what).click()

    def choose(self, css: str, what: str) -> None:
        self.h.find(css, what).click()

    def select(self, css: str, text: str, what: str = "") -> None:
        Select(self.h.find(css, what)).select_by_visible_text(text)


class Keyboard(Actor):
    keyboard = True

    def reach(self, css: str, what: str):
        """Tabs to the first element matching CSS, forwards or backwards from the focus, wherever it lies."""
        h = self.h
        h.find(css, what)
        before = h.driver.execute_script(
            "const t = document.querySelector(arguments[0]); const f = document.activeElement;"
            "if (!f || f === document.body) return false;"
            "return !!(t.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);", css)
        return h.tab_to(css, what or css, limit=150, backwards=bool(before))

    def menu(self, href: str, what: str) -> None:
        if self.folded():
            self.reach("button.menu-toggle", "the menu button")
            self.h.press(Keys.ENTER)
        self.reach(f'nav#site-nav a[href="{href}"]', what)
        self.h.press(Keys.ENTER)

    def fill(self, css: str, value: str, what: str = "") -> None:
        self.reach(css, what)
        self.h.type_here(value)

    def press_button(self, css: str, what: str) -> None:
        self.reach(css, what)
        self.h.press(Keys.ENTER)

    def choose(self, css: str, what: str) -> None:
        h = self.h
        name = h.find(css, what).get_attribute("name")
        self.reach(f'input[type="radio"][name="{name}"]', what)
        for _ in range(8):
            if h.driver.execute_script("return document.activeElement.matches(arguments[0])", css):
                h.press(Keys.SPACE)
                return
            h.press(Keys.ARROW_RIGHT)
        h.expect(False, f"{what}: the arrow keys never reached {css}:")

    def select(self, css: str, text: str, what: str = "") -> None:
        h = self.h
        self.reach(css, what)
        # Type-ahead picks the first option starting with what is typed; arrow keys walk on to the exact one.
        h.press(text[:3])
        for _ in range(60):
            if Select(h.find(css)).first_selected_option.text.strip() == text:
                return
            h.press(Keys.ARROW_DOWN)
        h.expect(False, f"{what}: the option {text!r} was never reached with the keyboard:")
