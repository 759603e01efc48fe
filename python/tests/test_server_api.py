"""The web app's JSON API (docs/WEB_API.md), against the real `relsynth serve` binary started on a
free port: every endpoint, with bad input (invalid plans, paths out of the root, oversized uploads,
missing CSRF header or token, unreachable databases and wrong passwords on real PostgreSQL and
MariaDB when scripts/with-test-servers.sh runs the tests, concurrent executions on one
destination)."""

import http.client
import io
import json
import os
import pathlib
import re
import sqlite3
import subprocess
import time
import urllib.parse
import zipfile

import pytest

from conftest import CLI

POSTGRES_URL = os.environ.get("RELSYNTH_TEST_POSTGRES_URL", "")
MYSQL_URL = os.environ.get("RELSYNTH_TEST_MYSQL_URL", "")
SERVERS_REQUIRED = os.environ.get("RELSYNTH_TEST_SERVERS_REQUIRED") == "1"


class Server:
    """A running `relsynth serve` and a client of it (the session's CSRF token sent along)."""

    def __init__(self, root: pathlib.Path, *args: str):
        self.process = subprocess.Popen(
            [CLI, "serve", "--port", "0", "--root", str(root), "-q", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"relsynth serve: http://([\d.]+):(\d+)/", line)
        assert match, f"no URL printed: {line!r} {self.process.stderr.read() if not line else ''}"
        self.host, self.port = match.group(1), int(match.group(2))
        self.token = None
        self.csrf = None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def request(self, method, path, body=None, headers=None, csrf=True, raw=False):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        sent = dict(headers or {})
        if self.token and "Authorization" not in sent:
            sent["Authorization"] = f"Bearer {self.token}"
        if csrf and method not in ("GET", "HEAD"):
            if self.csrf is None:
                self.csrf = self.get("/api/session")[1]["csrf"]
            sent.setdefault("X-Relsynth-CSRF", self.csrf)
        data = body
        if body is not None and not isinstance(body, (bytes, str)):
            data = json.dumps(body)
            sent.setdefault("Content-Type", "application/json")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        if raw:
            return response.status, content, response
        try:
            return response.status, json.loads(content) if content else None
        except ValueError:
            return response.status, content

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body if body is not None else {}, **kwargs)

    def wait(self, execution, timeout=300):
        """Follows the execution's Server-Sent Events until its `end` event; returns the last
        execution JSON they carried."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        connection.request("GET", f"/api/executions/{execution}/events")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")
        last, event = None, None
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "execution":
                last = json.loads(line[6:])
            elif line.startswith("data: ") and event == "end":
                break
        connection.close()
        return last


def multipart(parts):
    """A multipart/form-data body of (name, filename or None, bytes) parts."""
    boundary = "relsynthtestboundary"
    out = io.BytesIO()
    for name, filename, content in parts:
        out.write(f"--{boundary}\r\n".encode())
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out.write(f"Content-Disposition: {disposition}\r\n\r\n".encode())
        out.write(content)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


@pytest.fixture(scope="module")
def root(tmp_path_factory, demo_db):
    root = tmp_path_factory.mktemp("served")
    (root / "retail.sqlite").write_bytes(demo_db.read_bytes())
    subprocess.run([CLI, "-q", "convert", str(root / "retail.sqlite"), "--to",
                    f"csv:{root / 'shop_csv'}"], check=True)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.sqlite").write_bytes(demo_db.read_bytes())
    (root / "link_out").symlink_to(outside, target_is_directory=True)
    (root / "link_out.sqlite").symlink_to(outside / "secret.sqlite")
    return root


@pytest.fixture(scope="module")
def server(root):
    running = Server(root, "--max-upload-mb", "1")
    yield running
    running.stop()


def test_health_session_settings_and_options(server):
    assert server.get("/api/health") == (200, {"status": "ok", "version": server.get("/api/health")[1]["version"]})
    status, session = server.get("/api/session")
    assert status == 200 and len(session["csrf"]) == 32 and session["token_required"] is False
    assert session["max_upload_mb"] == 1
    status, settings = server.get("/api/settings")
    names = {s["name"]: s for s in settings["settings"]}
    assert names["training.trees"]["type"] == "integer" and names["training.trees"]["min"] == 1
    assert names["generation.seed"]["group"] == "basic"
    status, options = server.get("/api/options")
    assert "fake" in options["column_treatments"] and "preserve" in options["table_treatments"]
    assert "xlsx" in options["download_formats"] and "email" in options["fake_generators"]
    status, page = server.get("/", raw=True)[:2]
    assert status == 200 and b"<html" in page.lower()
    # The single-page app's own routes get its page; unknown API paths a JSON 404.
    assert server.get("/executions/3", raw=True)[1] == page
    status, body = server.get("/api/nothing")
    assert status == 404 and body["error"]["kind"] == "not_found"


def test_state_changing_calls_need_the_csrf_header_and_our_origin(server):
    status, body = server.post("/api/source/test", {"uri": "retail.sqlite"}, csrf=False)
    assert status == 403 and body["error"]["message"].startswith("CSRF")
    status, body = server.post("/api/source/test", {"uri": "retail.sqlite"},
                               headers={"X-Relsynth-CSRF": "0" * 32})
    assert status == 403
    status, body = server.post("/api/source/test", {"uri": "retail.sqlite"},
                               headers={"Origin": "http://evil.example"})
    assert status == 403 and "origin" in body["error"]["message"]
    status, body = server.post("/api/source/test", {"uri": "retail.sqlite"},
                               headers={"Origin": f"http://{server.host}:{server.port}"})
    assert status == 200
    # A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused.
    status, body = server.get("/api/plan", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403 and "Host" in body["error"]["message"]


def test_token_is_required_when_given_and_off_loopback(root):
    refused = subprocess.run([CLI, "serve", "--host", "0.0.0.0", "--port", "0", "--root", str(root)],
                             capture_output=True, text=True, timeout=30)
    assert refused.returncode == 2 and "--token" in refused.stderr
    guarded = Server(root, "--token", "s3cret-token")
    try:
        assert guarded.get("/api/health")[0] == 200  # no token needed to know it is up
        status, body = guarded.get("/api/session")
        assert status == 401 and body["error"]["kind"] == "unauthorized"
        assert guarded.get("/api/session", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert guarded.get("/api/session", headers={"Authorization": "Bearer s3cret-token"})[0] == 200
        # The printed link's first visit moves the token into a cookie.
        status, _, response = guarded.get("/?token=s3cret-token", raw=True)
        assert status == 302 and "relsynth_token=s3cret-token" in response.getheader("Set-Cookie")
        assert "HttpOnly" in response.getheader("Set-Cookie")
        assert guarded.get("/api/session", headers={"Cookie": "relsynth_token=s3cret-token"})[0] == 200
        guarded.token = "s3cret-token"
        assert guarded.post("/api/source/test", {"uri": "retail.sqlite"})[0] == 200
    finally:
        guarded.stop()


def test_files_are_browsed_inside_the_root_only(server):
    status, listing = server.get("/api/files")
    assert status == 200 and listing["path"] == "." and listing["parent"] is None
    entries = {e["name"]: e for e in listing["entries"]}
    assert entries["retail.sqlite"]["source"] == "retail.sqlite"
    assert entries["shop_csv"]["kind"] == "dir" and entries["shop_csv"]["source"] == "csv:shop_csv"
    assert "link_out" not in entries and "link_out.sqlite" not in entries  # they point out
    status, listing = server.get("/api/files?path=shop_csv")
    assert listing["parent"] == "." and any(e["name"] == "orders.csv" for e in listing["entries"])
    for path in ["..", "../", "shop_csv/../..", "/etc", "link_out", "%2e%2e"]:
        status, body = server.get("/api/files?path=" + urllib.parse.quote(path, safe="%"))
        assert status == 403, path
        assert body["error"]["kind"] == "forbidden"
    assert server.get("/api/files?path=retail.sqlite")[0] == 404


def test_source_test_and_preview(server):
    status, body = server.post("/api/source/test", {"uri": "retail.sqlite"})
    assert status == 200 and body["kind"] == "sqlite" and len(body["tables"]) == 8
    status, body = server.post("/api/source/test", {"uri": "csv:shop_csv"})
    assert status == 200 and body["kind"] == "csv"
    for uri in ["../retail.sqlite", "/etc/x.sqlite", "link_out.sqlite", "link_out/secret.sqlite"]:
        status, body = server.post("/api/source/test", {"uri": uri})
        assert status == 403, uri
        assert "outside the served folder" in body["error"]["message"]
    status, body = server.post("/api/source/test", {"uri": "missing.sqlite"})
    assert status == 400 and "missing.sqlite" in body["error"]["message"]
    assert server.post("/api/source/test", {})[0] == 400
    assert server.post("/api/source/test", b"not json")[0] == 400

    status, body = server.post("/api/source/preview", {"uri": "retail.sqlite", "rows": 3,
                                                       "tables": ["orders"]})
    assert status == 200 and [t["name"] for t in body["tables"]] == ["orders"]
    orders = body["tables"][0]
    assert orders["row_count"] == 2398 and len(orders["rows"]) == 3
    assert orders["columns"][0] == {"name": "order_id", "type": "int64", "sql_type": "INTEGER"}
    assert isinstance(orders["rows"][0][0], int)
    status, body = server.post("/api/source/preview", {"uri": "retail.sqlite", "tables": ["nope"]})
    assert status == 400 and body["error"]["table"] == "nope"
    assert server.post("/api/source/preview", {"uri": "retail.sqlite", "rows": -1})[0] == 400


def test_plan_from_source_edit_and_validate(server):
    status, body = server.post("/api/plan/from-source",
                               {"uri": "retail.sqlite", "destination": "out/plan_test.sqlite"})
    assert status == 200
    plan = body["plan"]
    assert plan["source"]["uri"] == "retail.sqlite" and plan["destination"]["uri"] == "out/plan_test.sqlite"
    orders = next(t for t in plan["metadata"]["tables"] if t["name"] == "orders")
    assert orders["primary_key"] == ["order_id"] and orders["primary_key_reason"] == "declared"
    assert {fk["parent_table"] for fk in orders["foreign_keys"]} >= {"customers", "stores"}
    assert all("reason" in fk for fk in orders["foreign_keys"])
    assert server.get("/api/plan") == (200, {"plan": plan})

    # CSV files declare no keys: the inferred ones come with their reasons.
    status, body = server.post("/api/plan/from-source", {"uri": "csv:shop_csv"})
    csv_orders = next(t for t in body["plan"]["metadata"]["tables"] if t["name"] == "orders")
    assert csv_orders["primary_key"] == ["order_id"] and csv_orders["primary_key_reason"] != "declared"

    # An invalid plan is kept (the wizard saves as it goes) with alerts naming table and column.
    bad = json.loads(json.dumps(plan))
    customers = next(t for t in bad["metadata"]["tables"] if t["name"] == "customers")
    email = next(c for c in customers["columns"] if c["name"] == "email")
    email["treatment"] = {"kind": "fake", "generator": "no_such_generator"}
    status, body = server.request("PUT", "/api/plan", {"plan": bad})
    assert status == 200 and body["valid"] is False
    alert = next(a for a in body["alerts"] if a["severity"] == "error")
    assert (alert["table"], alert["column"], alert["section"]) == ("customers", "email", "metadata")
    assert "no_such_generator" in alert["message"]
    status, body = server.post("/api/plan/validate")
    assert status == 200 and body["valid"] is False
    assert any(a["column"] == "email" for a in body["alerts"])
    # The source checked against the plan: a column it lacks is named.
    email["treatment"] = "auto"
    email["name"] = "e_mail"
    status, body = server.post("/api/plan/validate", {"plan": bad})
    assert body["valid"] is False
    assert any(a["column"] == "e_mail" and "no such column" in a["message"] for a in body["alerts"])
    status, body = server.post("/api/plan/validate", {"plan": bad, "check_source": False})
    assert not any("no such column" in a["message"] for a in body["alerts"])
    # Places outside the root are alerts of their section.
    outside = json.loads(json.dumps(plan))
    outside["destination"]["uri"] = "../elsewhere.sqlite"
    status, body = server.post("/api/plan/validate", {"plan": outside})
    assert any(a["section"] == "destination" and "outside" in a["message"] for a in body["alerts"])
    # Unreadable plans are refused.
    assert server.request("PUT", "/api/plan", {"plan": "text"})[0] == 400
    assert server.request("PUT", "/api/plan", {"plan": {"name": "x"}})[0] == 400
    assert server.request("PUT", "/api/plan", {})[0] == 400

    assert server.request("PUT", "/api/plan", {"plan": plan})[1]["valid"] is True
    status, yaml, response = server.get("/api/plan/yaml", raw=True)
    assert status == 200 and b"relsynth_plan_version: 1" in yaml
    assert "retail.plan.yaml" in response.getheader("Content-Disposition")
    status, body = server.post("/api/plan/import", {"text": yaml.decode()})
    assert status == 200 and body["plan"] == plan
    assert server.post("/api/plan/import", {"text": "{not: [yaml"})[0] == 400


def test_destination_test(server, root):
    server.post("/api/plan/from-source", {"uri": "retail.sqlite"})
    status, body = server.post("/api/destination/test", {"uri": "out/new.xlsx"})
    assert status == 200 and body["kind"] == "xlsx", body
    assert not (root / "out" / "new.xlsx").exists()  # checked, not created
    status, body = server.post("/api/destination/test", {"uri": "../new.sqlite"})
    assert status == 403
    status, body = server.post("/api/destination/test", {"uri": "retail.sqlite"})
    assert status == 400 and "same place" in body["error"]["message"]
    (root / "out").mkdir(exist_ok=True)
    (root / "out" / "taken.sqlite").write_bytes(b"")
    sqlite3.connect(root / "out" / "taken.sqlite").execute("CREATE TABLE t (x)").connection.commit()
    status, body = server.post("/api/destination/test", {"uri": "out/taken.sqlite"})
    assert status == 400 and "overwrite" in body["error"]["message"]


def test_executions_run_watch_preview_download_rerun_rename_delete(server, root):
    status, body = server.post("/api/plan/from-source",
                               {"uri": "retail.sqlite", "destination": "out/exec.sqlite"})
    status, started = server.post("/api/executions", {"name": "first"})
    assert status == 202 and started["status"] in ("queued", "running")
    # One destination, one execution at a time.
    status, body = server.post("/api/executions")
    assert status == 409 and body["error"]["kind"] == "conflict"
    assert f"execution {started['id']}" in body["error"]["message"]

    done = server.wait(started["id"])
    assert done["status"] == "succeeded", done["error"]
    assert done["rows_written"] > 10000 and done["has_report"] and done["seconds"] > 0
    steps = done["steps"]
    assert any(s["table"] == "orders" and s["name"].startswith("training") for s in steps)
    assert all(s["status"] == "done" for s in steps)
    tables = {t["name"]: t for t in done["tables"]}
    assert set(tables) == {"customers", "stores", "employees", "products", "orders", "order_items",
                           "payments", "reviews"}
    assert all(t["status"] == "done" for t in tables.values())
    assert done["plan"]["destination"]["uri"] == "out/exec.sqlite"
    # The names and values are those of `relsynth runs show --json` (the API adds `updated`,
    # `has_report`, `tables` and `plan`; `seconds` of an ended execution agree too).
    shown = json.loads(subprocess.run([CLI, "runs", "show", str(started["id"]), "--json",
                                       "--store", str(root / ".relsynth")],
                                      capture_output=True, text=True, check=True).stdout)
    del shown["plan_text"]
    assert {key: done[key] for key in shown} == shown
    assert server.get(f"/api/executions/{started['id']}")[1]["status"] == "succeeded"

    listed = server.get("/api/executions")[1]["executions"]
    assert listed[0]["id"] == started["id"] and "steps" not in listed[0]

    status, report, response = server.get(f"/api/executions/{started['id']}/report", raw=True)
    assert status == 200 and response.getheader("Content-Type").startswith("text/html")
    assert b"<html" in report.lower()
    assert server.get(f"/api/executions/{started['id']}/report.json")[1]["summary"]

    status, output = server.get(f"/api/executions/{started['id']}/output")
    rows = {t["name"]: t["rows"] for t in output["tables"]}
    assert rows["customers"] == 1000 and sum(rows.values()) == done["rows_written"]
    status, page = server.get(f"/api/executions/{started['id']}/output/orders?limit=5&offset=2")
    assert status == 200 and len(page["rows"]) == 5 and page["total"] == rows["orders"]
    assert [c["name"] for c in page["columns"]][0] == "order_id"
    assert server.get(f"/api/executions/{started['id']}/output/nope")[0] == 404
    assert server.get(f"/api/executions/{started['id']}/output/orders?limit=x")[0] == 400
    # A page is that slice of the table (read on its own); past the end: fewer rows, or none.
    written = sqlite3.connect(root / "out" / "exec.sqlite")
    assert page["rows"] == [list(r) for r in written.execute("SELECT * FROM orders LIMIT 5 OFFSET 2")]
    total = rows["orders"]
    status, tail = server.get(f"/api/executions/{started['id']}/output/orders?limit=50&offset={total - 3}")
    assert len(tail["rows"]) == 3 and tail["total"] == total
    status, past = server.get(f"/api/executions/{started['id']}/output/orders?offset={total + 10}")
    assert status == 200 and past["rows"] == [] and len(past["columns"]) == len(page["columns"])
    written.close()

    # Downloads in other formats, converted on the server and checked with other readers.
    status, xlsx, response = server.get(f"/api/executions/{started['id']}/download?format=xlsx", raw=True)
    assert status == 200 and 'filename="first.xlsx"' in response.getheader("Content-Disposition")
    import openpyxl
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    assert workbook["customers"].max_row == 1001
    status, archive, _ = server.get(f"/api/executions/{started['id']}/download?format=parquet", raw=True)
    import pyarrow.parquet as pq
    with zipfile.ZipFile(io.BytesIO(archive)) as members:
        orders = pq.read_table(io.BytesIO(members.read("orders.parquet")))
    assert orders.num_rows == rows["orders"]
    status, archive, _ = server.get(f"/api/executions/{started['id']}/download?format=csv", raw=True)
    with zipfile.ZipFile(io.BytesIO(archive)) as members:
        assert members.read("stores.csv").decode().startswith("store_id,")
    for format in ["tsv", "ods", "sqlite", "zip"]:
        status, content, _ = server.get(f"/api/executions/{started['id']}/download?format={format}", raw=True)
        assert status == 200 and len(content) > 1000, format
        if format == "sqlite":  # the output itself, sent as it is
            assert content == (root / "out" / "exec.sqlite").read_bytes()
    assert server.get(f"/api/executions/{started['id']}/download?format=docx")[0] == 400
    # The temporary files go once the last reply is sent (the server removes them just after).
    for _ in range(50):
        if not list((root / ".relsynth" / "downloads").iterdir()):
            break
        time.sleep(0.1)
    assert not list((root / ".relsynth" / "downloads").iterdir())

    # Re-run with another seed: a new execution, the model reused, other rows.
    status, rerun = server.post(f"/api/executions/{started['id']}/rerun", {"seed": 7})
    assert status == 202 and rerun["seed"] == 7 and rerun["name"] == f"rerun of {started['id']}"
    again = server.wait(rerun["id"])
    assert again["status"] == "succeeded", again["error"]
    assert again["model_from"] == started["id"]
    # The rerun replaced out/exec.sqlite: the first execution's preview shows the new rows (the
    # server's description of the old file is not used for the new one).
    status, page_again = server.get(f"/api/executions/{started['id']}/output/orders?limit=5&offset=2")
    written = sqlite3.connect(root / "out" / "exec.sqlite")
    assert page_again["rows"] == [list(r) for r in written.execute("SELECT * FROM orders LIMIT 5 OFFSET 2")]
    assert page_again["total"] == written.execute("SELECT count(*) FROM orders").fetchone()[0]
    assert page_again["rows"] != page["rows"]
    written.close()
    assert server.post(f"/api/executions/{started['id']}/rerun", {"seed": "x"})[0] == 400

    status, renamed = server.request("PATCH", f"/api/executions/{rerun['id']}", {"name": "seed 7"})
    assert status == 200 and renamed["name"] == "seed 7"
    assert server.request("PATCH", f"/api/executions/{rerun['id']}", {"name": ""})[0] == 400
    assert server.request("DELETE", f"/api/executions/{rerun['id']}")[0] == 204
    assert server.get(f"/api/executions/{rerun['id']}")[0] == 404
    assert server.request("DELETE", f"/api/executions/{rerun['id']}")[0] == 404
    assert server.post(f"/api/executions/{started['id']}/cancel")[0] == 409  # it has ended


def test_invalid_plans_are_refused_with_alerts(server):
    status, body = server.post("/api/plan/from-source", {"uri": "retail.sqlite"})
    plan = body["plan"]
    status, body = server.post("/api/executions", {"plan": plan})
    assert status == 400 and "no destination" in body["error"]["message"]
    plan["destination"]["uri"] = "out/invalid.sqlite"
    orders = next(t for t in plan["metadata"]["tables"] if t["name"] == "orders")
    orders["columns"][0]["sdtype"] = "numerical"  # a primary key that is not an id
    orders["rows"] = 10  # a child table takes no size
    status, body = server.post("/api/executions", {"plan": plan})
    assert status == 400 and body["error"]["alerts"]
    assert any(a["table"] == "orders" for a in body["error"]["alerts"])
    assert not any(e["destination"] == "out/invalid.sqlite" for e in server.get("/api/executions")[1]["executions"])


def test_an_excluded_table_is_not_listed_as_waiting(server):
    plan = server.post("/api/plan/from-source", {"uri": "retail.sqlite"})[1]["plan"]
    plan["destination"]["uri"] = "out/excluded.sqlite"
    next(t for t in plan["metadata"]["tables"] if t["name"] == "reviews")["treatment"] = "exclude"
    status, started = server.post("/api/executions", {"plan": plan})
    assert status == 202
    done = server.wait(started["id"])
    assert done["status"] == "succeeded", done["error"]
    names = {t["name"] for t in done["tables"]}
    assert "reviews" not in names and "orders" in names
    assert all(t["status"] == "done" for t in done["tables"])


def test_cancel_running_and_queued_executions(server):
    plan = server.post("/api/plan/from-source", {"uri": "retail.sqlite"})[1]["plan"]
    plan["destination"]["uri"] = "out/cancel_a.sqlite"
    status, first = server.post("/api/executions", {"plan": plan, "scale": 30})
    assert status == 202
    plan["destination"]["uri"] = "out/cancel_b.sqlite"
    status, second = server.post("/api/executions", {"plan": plan})
    assert status == 202 and second["status"] == "queued"  # one worker: it waits
    status, body = server.post(f"/api/executions/{second['id']}/cancel")
    assert status == 202
    assert server.get(f"/api/executions/{second['id']}")[1]["status"] == "cancelled"
    status, body = server.request("DELETE", f"/api/executions/{first['id']}")
    assert status == 409 and "cancel" in body["error"]["message"]
    assert server.post(f"/api/executions/{first['id']}/cancel")[0] == 202
    ended = server.wait(first["id"])
    assert ended["status"] == "cancelled" and "cancelled" in ended["error"]
    assert ended["rows_written"] is None
    assert server.get(f"/api/executions/{first['id']}/download?format=csv")[0] == 404
    assert server.request("DELETE", f"/api/executions/{first['id']}")[0] == 204


def test_uploads(server, root):
    body, headers = multipart([("folder", None, b"shop_upload"),
                               ("file", "orders.csv", b"id,total\n1,2.5\n2,3.0\n"),
                               ("file", "customers.csv", b"id,name\n1,Ana\n")])
    status, reply = server.post("/api/uploads", body, headers=headers)
    assert status == 201 and reply["source"] == "csv:uploads/shop_upload"
    assert sorted(reply["files"]) == ["uploads/shop_upload/customers.csv", "uploads/shop_upload/orders.csv"]
    assert (root / "uploads" / "shop_upload" / "orders.csv").read_bytes().startswith(b"id,total")
    assert server.post("/api/source/test", {"uri": reply["source"]})[1]["kind"] == "csv"
    body, headers = multipart([("file", "retail.sqlite", (root / "retail.sqlite").read_bytes()[:4096])])
    status, reply = server.post("/api/uploads", body, headers=headers)
    assert status == 201 and reply["source"] == "uploads/retail.sqlite"
    # A name taken keeps its file (a plan may read it): the new one gets a number, a folder too.
    earlier = (root / "uploads" / "retail.sqlite").read_bytes()
    body, headers = multipart([("file", "retail.sqlite", b"SQLite format 3\x00" + b"0" * 100)])
    status, reply = server.post("/api/uploads", body, headers=headers)
    assert status == 201 and reply["files"] == ["uploads/retail-2.sqlite"]
    assert (root / "uploads" / "retail.sqlite").read_bytes() == earlier
    body, headers = multipart([("folder", None, b"shop_upload"),
                               ("file", "orders.csv", b"id,total\n7,1.0\n")])
    status, reply = server.post("/api/uploads", body, headers=headers)
    assert status == 201 and reply["source"] == "csv:uploads/shop_upload-2"
    assert (root / "uploads" / "shop_upload" / "orders.csv").read_bytes().startswith(b"id,total\n1,")
    # Names cannot climb out; bodies over --max-upload-mb (1) are refused.
    for name in ["..", ".hidden", "../../x.csv"]:
        body, headers = multipart([("folder", None, name.encode()), ("file", "a.csv", b"x\n1\n")])
        status, reply = server.post("/api/uploads", body, headers=headers)
        assert status in (201, 400), name
        assert not (root.parent / "x.csv").exists()
        if name != "../../x.csv":
            assert status == 400
    body, headers = multipart([("file", "big.csv", b"x" * (1024 * 1024 + 10))])
    status, reply = server.post("/api/uploads", body, headers=headers)
    assert status == 413 and reply["error"]["kind"] == "too_large"
    assert not (root / "uploads" / "big.csv").exists()
    assert server.post("/api/uploads", {"file": "x"})[0] == 400


def without_password(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", url)


def password_of(url: str) -> str:
    return re.match(r".*//[^:/@]+:([^@]*)@", url).group(1)


@pytest.mark.parametrize("url", [POSTGRES_URL, MYSQL_URL], ids=["postgresql", "mysql"])
def test_database_sources_passwords_and_unreachable_servers(server, root, url):
    if not url:
        if SERVERS_REQUIRED:
            pytest.fail("scripts/with-test-servers.sh set no URL")
        pytest.skip("no test database server (run under scripts/with-test-servers.sh)")
    bare, password = without_password(url), urllib.parse.unquote(password_of(url))
    status, body = server.post("/api/source/test", {"uri": bare, "password": "wrong-password"})
    assert status == 400 and body["error"]["kind"] == "io"
    assert "wrong-password" not in json.dumps(body)
    unreachable = re.sub(r":(\d+)/", ":1/", bare)
    status, body = server.post("/api/source/test", {"uri": unreachable, "password": password})
    assert status == 400 and body["error"]["kind"] == "io"
    assert password not in json.dumps(body)

    # Put the demo into the server, then read it back through the app with the password.
    target = bare + ("?schema=web_api" if bare.startswith("postgresql") else "")
    subprocess.run([CLI, "-q", "convert", str(root / "retail.sqlite"), "--to",
                    url + ("?schema=web_api" if url.startswith("postgresql") else ""),
                    "--overwrite"], check=True)
    status, body = server.post("/api/source/test", {"uri": target, "password": password})
    assert status == 200 and body["uri"] == target and len(body["tables"]) == 8
    # Remembered in memory: later calls need no password, and no reply carries it.
    status, body = server.post("/api/plan/from-source", {"uri": target, "destination": f"out/{body['kind']}.sqlite"})
    assert status == 200 and body["plan"]["source"]["uri"] == target
    assert password not in json.dumps(body)
    status, started = server.post("/api/executions", {"name": "from a server"})
    assert status == 202
    done = server.wait(started["id"])
    assert done["status"] == "succeeded", done["error"]
    assert password not in json.dumps(done)
    for path in [root / ".relsynth" / "runs.sqlite", root / ".relsynth" / "web-plan.json"]:
        assert password.encode() not in path.read_bytes(), path
    # A password inside the URL is taken out of the plan too.
    status, body = server.post("/api/source/test", {"uri": url + ("?schema=web_api" if url.startswith("postgresql") else "")})
    assert status == 200 and body["uri"] == target
