"""People's personal data quoted from templates is masked in every output; organisational contacts are kept."""

from __future__ import annotations

from pathlib import Path

from ccaudit.model.privacy import mask
from tests.conftest import apply_patches

PII = {"Иванов Иван Иванович": "[ФИО скрыто]", "+7 912 345-67-89": "[телефон скрыт]", "ivanov.ii@mail.ru": "[e-mail скрыт]",
       "123-456-789 01": "[СНИЛС скрыт]", "500100732259": "[ИНН скрыт]"}
FILLER = " — это очень длинная фраза оператора, в которой слишком много слов для того, чтобы клиент её понял с первого раза, и ещё несколько слов сверху для верности"


def test_mask_keeps_organisational_contacts_and_placeholders() -> None:
    for raw, placeholder in PII.items():
        assert mask(f"Звонил {raw} вчера") == f"Звонил {placeholder} вчера"
    kept = "Звоните 8 (800) 450-62-62 или 8 (4912) 25-11-00, пишите info@minsoc.priokskaya-obl.ru; {имя отчество}, ИНН 6231001234"
    assert mask(kept) == kept


def test_planted_personal_data_is_masked_in_every_format(run_cli, base_repo: Path, tmp_path: Path) -> None:
    steps = [{"kind": "answer", "text": f"{raw}{FILLER}."} for raw in PII]
    apply_patches(base_repo, {"contact_points/call-center.yaml": {"scripts": [
        {"id": "in-1", "title": "Входящий", "direction": "inbound", "call_type": "general", "steps": steps}]}})
    formats = {"json": "r.json", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md", "html": "r.html", "terminal": "r.txt",
               "codequality": "q.json"}
    args = [a for fmt, name in formats.items() for a in ("-o", f"{fmt}={tmp_path / name}")]
    result = run_cli("audit", base_repo, "--fail-on", "never", *args)
    assert result.exit_code == 0, result.stderr
    texts = {name: (tmp_path / name).read_text("utf-8") for name in formats.values()}
    texts["stdout"] = result.stdout
    for name, text in texts.items():
        for raw in PII:
            assert raw not in text, (name, raw)
    for placeholder in PII.values():
        assert placeholder in texts["r.json"] and placeholder in texts["r.html"] and placeholder in texts["r.sarif"], placeholder
