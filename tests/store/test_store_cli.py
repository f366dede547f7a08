"""`evidencepack store ...`: list, import, export and history through the real CLI, on the database that
`evidencepack ui` would use (``--database-url`` or ``$EVIDENCEPACK_DATABASE_URL``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidencepack.load import load
from evidencepack.privacy.synthetic import nhs_number
from evidencepack.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CARE_HOME = ROOT / "evidencepack" / "examples" / "care-home-digital-care-planning.json"
GP = ROOT / "evidencepack" / "examples" / "gp-online-triage.yaml"


def store_cli(url: str, *args: str, env_url: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EVIDENCEPACK_USER="Ana Quality")
    if env_url:
        env["EVIDENCEPACK_DATABASE_URL"] = url
    return subprocess.run([sys.executable, "-m", "evidencepack", "store", *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'packs.db'}"


def test_import_prints_the_new_id_and_the_pack_is_stored_as_read(url):
    done = store_cli(url, "import", str(CARE_HOME))
    assert done.returncode == 0, done.stderr
    pack_id = done.stdout.strip()
    with open_store(url) as store:
        info, content = store.latest(pack_id)
    assert content == load(CARE_HOME).data
    assert info.saved_by == "Ana Quality"


def test_import_with_json_prints_an_object_with_the_id(url):
    done = store_cli(url, "import", "--json", str(GP))
    assert done.returncode == 0, done.stderr
    pack_id = json.loads(done.stdout)["id"]
    with open_store(url) as store:
        assert store.summary(pack_id).title == load(GP).data["metadata"]["title"]


def test_list_shows_every_stored_pack_with_its_title(url):
    ids = [store_cli(url, "import", str(p)).stdout.strip() for p in (CARE_HOME, GP)]
    listed = store_cli(url, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {p["id"] for p in json.loads(listed.stdout)} == set(ids)
    text = store_cli(url, "list").stdout
    assert load(GP).data["metadata"]["title"] in text and all(i in text for i in ids)


def test_the_database_url_option_selects_the_same_store_as_the_environment(url):
    pack_id = store_cli(url, "--database-url", url, "import", str(GP), env_url=False).stdout.strip()
    assert pack_id in store_cli(url, "list").stdout


def test_export_writes_the_pack_as_json_or_yaml(url, tmp_path):
    pack_id = store_cli(url, "import", str(GP)).stdout.strip()
    for name in ("out.json", "out.yaml"):
        done = store_cli(url, "export", pack_id, "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert load(tmp_path / name).data == load(GP).data


def test_export_docx_writes_the_word_document_carrying_the_pack(url, tmp_path):
    pack_id = store_cli(url, "import", str(CARE_HOME)).stdout.strip()
    out = tmp_path / "pack.docx"
    done = store_cli(url, "export", pack_id, "--docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"
    assert load(out).data["metadata"]["id"] == load(CARE_HOME).data["metadata"]["id"]


def test_export_docx_of_a_pack_with_errors_is_refused_unless_overridden(url, tmp_path):
    data = load(CARE_HOME).data
    data["actions"][0]["action"] = f"Call back the resident with NHS number {nhs_number()}"
    with open_store(url) as store:
        pack_id = store.create_pack(data, saved_by="Ana Quality")
    out = tmp_path / "pack.docx"
    refused = store_cli(url, "export", pack_id, "--docx", "-o", str(out))
    assert refused.returncode == 1
    assert "error-level finding" in refused.stderr and not out.exists()
    done = store_cli(url, "export", pack_id, "--docx", "-o", str(out), "--override-reason", "Board deadline",
                     "--override-by", "Dan Deputy")
    assert done.returncode == 0, done.stderr
    assert load(out).data["metadata"]["export_override"]["by"] == "Dan Deputy"


def test_export_to_a_docx_name_without_docx_is_refused(url, tmp_path):
    pack_id = store_cli(url, "import", str(GP)).stdout.strip()
    done = store_cli(url, "export", pack_id, "-o", str(tmp_path / "pack.docx"))
    assert done.returncode == 2 and "add --docx" in done.stderr
    assert not (tmp_path / "pack.docx").exists()


def test_history_lists_each_version_with_who_and_the_note(url):
    pack_id = store_cli(url, "import", str(GP)).stdout.strip()
    with open_store(url) as store:
        info, content = store.latest(pack_id)
        content["metadata"]["title"] = "Online triage, second look"
        store.save(pack_id, content, base_version=info.number, saved_by="Ben Reviewer", note="Retitled")
    lines = json.loads(store_cli(url, "history", pack_id, "--json").stdout)
    assert [(v["version"], v["saved_by"], v["note"]) for v in lines] == [
        (1, "Ana Quality", "Imported from gp-online-triage.yaml"), (2, "Ben Reviewer", "Retitled")]
    text = store_cli(url, "history", pack_id).stdout
    assert "version 2" in text and "Ben Reviewer" in text and "Retitled" in text


def test_an_unknown_id_is_a_clear_error_not_a_traceback(url):
    for args in (("history", "nope"), ("export", "nope", "-o", "x.json")):
        done = store_cli(url, *args)
        assert done.returncode == 2
        assert "no evidence pack with id 'nope'" in done.stderr and "Traceback" not in done.stderr


def test_a_broken_file_is_refused_by_name_and_nothing_is_stored(url, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"metadata": ', encoding="utf-8")
    done = store_cli(url, "import", str(broken))
    assert done.returncode == 2 and "broken.json" in done.stderr and "Traceback" not in done.stderr
    with open_store(url) as store:
        assert store.list_packs() == []
