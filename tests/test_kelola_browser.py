"""The Kelola page in real headless Chromium: a hostile file's dry run, shown as text."""

import pytest

from tests.conftest import ADMIN, screenshot, sign_in, wait_for_app

pytestmark = pytest.mark.browser

FILE = (
    "Daftar tahapan 2018\r\n\r\n"
    "Kabupaten/Kota;Tahun;Tahap;Tanggal;Status;Sumber\r\n"
    "Kab. Indramayu;2018;Bimtek II;14/08/2018;Selesai;https://jabarprov.go.id/a\r\n"
    "<script>alert(1)</script>;2018;mou;22/05/2018;selesai;https://jabarprov.go.id/a\r\n"
).encode("utf-8-sig")


def test_dry_run_report_in_the_browser_shows_names_as_text(signin_app_url, page, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, signin_app_url, ADMIN)  # importing is for a signed-in admin
    page.goto(signin_app_url + "/kelola")
    wait_for_app(page)
    page.get_by_role("heading", name="Kelola Data").wait_for()
    upload = tmp_path / "tahapan.csv"
    upload.write_bytes(FILE)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Masalah (baris, kolom, nilai, alasan)").wait_for()
    page.get_by_text("Berkas ini tidak dapat diterapkan").wait_for()
    wait_for_app(page)
    screenshot(page, "kelola_id")
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0
