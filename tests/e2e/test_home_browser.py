from tests.e2e.conftest import PHONE


def test_home_renders_without_horizontal_scroll_on_phone(phone_page, live_server):
    phone_page.goto(live_server + "/")
    phone_page.wait_for_selector("h1")
    assert "Hội đồng nhân dân thành phố Lạng Sơn" in phone_page.inner_text("h1")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
