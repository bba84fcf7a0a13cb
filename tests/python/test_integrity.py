"""Integrity monitoring: the thresholds pass on the sample, a degraded export fails exactly
its check with a message stating it, history accumulates through full refreshes, and alerts
arrive at a local webhook receiver and a local SMTP server."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from click.testing import CliRunner
from warehouse_builds import DEGRADED, ROOT, Built, dbt
from warehouse_builds import cli as _cli

from leadhub.cli import main
from leadhub.database import MissingRelation, query
from leadhub.integrity import Check, Run, findings

LINKAGE = [
    "job_to_customer",
    "lead_status_to_booked_opportunity",
    "bad_lead_to_lead_status",
    "bad_lead_to_lead_status_of_known_persons",
]


@pytest.mark.parametrize("engine", ["duckdb", "postgres"])
def test_every_check_passes_on_the_sample(warehouses: dict[str, Built], engine: str) -> None:
    built = warehouses[engine]
    result = _cli(built, "integrity", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    checks = {c["check_name"]: c for c in report["checks"]}
    assert report["passed"] and set(LINKAGE) <= set(checks)
    assert all(c["status"] == "pass" for c in checks.values()), checks
    job = checks["job_to_customer"]
    assert job["denominator"] > 100 and job["numerator"] <= job["denominator"]
    assert checks["user_performance_orphans"]["numerator"] > 0  # the phone system's own users, counted
    _, history = built.rows(f"{built.schema}.integrity_check_history")
    assert len(history) == len(checks)
    _, results = built.rows(f"{built.schema}.integrity_test_results")
    data_tests = int(re.search(r"Finished running .*?(\d+) data tests?", built.result.stdout).group(1))
    assert len(results) >= data_tests > 100  # every data test of the build (and of earlier runs)


def _failing(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " FAIL " in line or " ERROR " in line]


@pytest.mark.parametrize("degradation", list(DEGRADED))
def test_a_degraded_export_fails_exactly_its_threshold(degraded: dict[str, Built], degradation: str) -> None:
    check, _ = DEGRADED[degradation]
    result = degraded[degradation].result
    assert result.returncode != 0
    failing = _failing(result.stdout)
    assert len(failing) == 1 and "linkage_rate_" in failing[0] and check in failing[0], failing
    message = [line for line in result.stdout.splitlines() if f"linkage {check} [error]" in line]
    assert message, result.stdout[-3000:]
    assert (
        "linked (" in message[0] and "error below" in message[0]
    )  # rate, numerator / denominator, threshold
    # a failed error-level test keeps the marts from being published (macros/marts/publish.sql):
    # this fresh warehouse has none, and the failed build waits in _publishing for inspection
    assert "publish: NOT published, 1 error-level test(s) failed" in result.stdout
    built = degraded[degradation]
    with pytest.raises(MissingRelation):
        built.rows(f"{built.schema}.customers")
    assert built.rows(f"{built.schema}_publishing.customers")[1]
    cli = _cli(degraded[degradation], "integrity")
    assert cli.exit_code == 1
    statuses = {line.split()[0]: line.split()[1] for line in cli.output.splitlines()[1:] if line.strip()}
    assert statuses[check] == "error"
    assert all(statuses[other] != "error" for other in LINKAGE if other != check), statuses


def test_history_accumulates_and_survives_a_full_refresh(degraded: dict[str, Built]) -> None:
    built = degraded["bad_lead_known_rate=0.3"]
    for args in (["run", "-s", "integrity_checks", "integrity_check_history"],
                 ["run", "--full-refresh", "-s", "integrity_checks", "integrity_check_history"]):  # fmt: skip
        assert dbt(args, built.env, built.tmp).returncode == 0
    tested = dbt(["test", "-s", "tag:integrity"], built.env, built.tmp)
    assert tested.returncode != 0  # the bad-lead check still fails
    _, runs = built.rows(
        f"(select run_id, count(*) as checks from {built.schema}.integrity_check_history group by run_id) as r"
    )
    assert len(runs) == 3 and {n for _, n in runs} == {6}
    _, test_runs = built.rows(
        f"(select run_id, count(*) from {built.schema}.integrity_test_results group by run_id) as r"
    )
    assert len(test_runs) == 2  # the build and the `dbt test` run (plain runs have no tests)
    _, failed = built.rows(
        f"{built.schema}.integrity_test_results where status = 'fail' "
        "and test_name = 'linkage_rate_integrity_checks_bad_lead_to_lead_status'"
    )
    assert len(failed) == 2


class _Receiver(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        _Receiver.bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    _Receiver.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list]]:
    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self) -> None:
            self.messages: list = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd checks its server by connecting)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler.messages
    controller.stop()


def test_alerts_arrive_by_webhook_and_email(
    degraded: dict[str, Built], webhook: str, smtp_server: tuple[int, list], monkeypatch
) -> None:
    port, messages = smtp_server
    monkeypatch.setenv("LEADHUB_ALERT_WEBHOOK_URL", webhook)
    monkeypatch.setenv("LEADHUB_ALERT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LEADHUB_ALERT_SMTP_PORT", str(port))
    monkeypatch.setenv("LEADHUB_ALERT_EMAIL_TO", "analytics@example.com")
    monkeypatch.setenv("LEADHUB_REPORT_URL", "https://intranet.example.com/leadhub/")
    result = _cli(degraded["jobs_contacts=false"], "alert")
    assert result.exit_code == 0, result.output
    assert "sent by webhook, email" in result.output
    assert len(_Receiver.bodies) == 1 and "job_to_customer [error]" in _Receiver.bodies[0]["text"]
    assert len(messages) == 1 and messages[0].rcpt_tos == ["analytics@example.com"]
    assert b"job_to_customer [error]" in messages[0].content
    # the alert says where to look: the report's integrity page
    link = "report: https://intranet.example.com/leadhub/index.html#integrity"
    assert link in _Receiver.bodies[0]["text"] and link.encode() in messages[0].content


def _check(name: str, rate: float, status: str = "pass") -> Check:
    return Check(
        name, "linkage_rate", "jobs", "customer_id", "rows", int(rate * 100), 100, rate, 0.8, 0.9, status
    )


def test_findings_are_failures_and_regressions_against_the_previous_run() -> None:
    previous = Run("r1", None, {"a": _check("a", 0.99), "b": _check("b", 0.95), "c": _check("c", 0.95)})
    latest = Run("r2", None, {"a": _check("a", 0.99), "b": _check("b", 0.93), "c": _check("c", 0.85, "warn")})
    found = {f.check.check_name: f.reason for f in findings([latest, previous])}
    assert found == {"b": "regressed", "c": "failing"}
    assert findings([latest, previous], tolerance=0.05) and "b" not in {
        f.check.check_name for f in findings([latest, previous], tolerance=0.05)
    }
    assert findings([Run("r", None, {"a": _check("a", 0.99)})]) == []


def _statuses(stdout: str) -> dict[str, str]:
    """test name -> PASS / WARN / FAIL / ERROR, from dbt's result lines."""
    out = {}
    for line in stdout.splitlines():
        parts = line.split()
        for status in ("PASS", "WARN", "FAIL", "ERROR"):
            if status in parts and "of" in parts:
                out[parts[parts.index(status) + (2 if status in ("WARN", "FAIL") else 1)]] = status
    return out


def test_generic_tests_warn_and_fail_at_their_thresholds(degraded: dict[str, Built]) -> None:
    """linkage_rate warns below warn_below and fails below error_below; orphan_count warns
    above warn_above; thresholds come from vars."""
    import yaml

    built = degraded["corrupt_quote_rate=0.5"]
    project = yaml.safe_load((Path(__file__).resolve().parents[2] / "dbt_project.yml").read_text())["vars"]
    linkage, orphans = project["integrity_linkage_checks"], project["integrity_orphan_checks"]
    linkage["job_to_customer"].update(error_below=0.0, warn_below=1.01)  # passes error, misses warn
    linkage["lead_status_to_booked_opportunity"].update(error_below=0.0, warn_below=0.0)
    linkage["bad_lead_to_lead_status"].update(error_below=1.01, warn_below=1.01)
    linkage["bad_lead_to_lead_status_of_known_persons"].update(error_below=0.0, warn_below=0.0)
    orphans["sales_performance_orphans"]["warn_above"] = 100_000
    orphans["user_performance_orphans"]["warn_above"] = 0
    variables = yaml.safe_dump({"integrity_linkage_checks": linkage, "integrity_orphan_checks": orphans})
    result = dbt(["test", "-s", "tag:integrity", "--vars", variables], built.env, built.tmp)
    statuses = {name.removeprefix("linkage_rate_integrity_checks_").removeprefix(
        "orphan_count_integrity_checks_"): s for name, s in _statuses(result.stdout).items()}  # fmt: skip
    assert statuses == {
        "job_to_customer": "WARN",
        "lead_status_to_booked_opportunity": "PASS",
        "bad_lead_to_lead_status": "FAIL",
        "bad_lead_to_lead_status_of_known_persons": "PASS",
        "sales_performance_orphans": "PASS",
        "user_performance_orphans": "WARN",
    }, result.stdout[-3000:]
    assert result.returncode != 0


def test_null_unless_status_in_mapping_column_rules_and_references_catch_bad_rows(
    degraded: dict[str, Built],
) -> None:
    """Runs last on its warehouse: it edits a job so that a quoted job carries an unknown
    customer, an unknown status and no source row, and a branch so that its status is not an
    accepted one and its normalized name repeats another branch's."""
    built = degraded["corrupt_quote_rate=0.5"]
    marts = f"{built.schema}_publishing"  # the failed build, never published, is where dbt tests it
    query(
        built.target,
        f"update {marts}.jobs "
        "set customer_id = 'someone', opportunity_status = 'ON HOLD', source_row = null "
        f"where job_id = (select min(job_id) from {marts}.jobs where opportunity_status = 'QUOTED')",
        read_only=False,
    )
    query(
        built.target,
        f"update {marts}.branches "
        f"set status = 'bogus', normalized_name = (select max(normalized_name) from {marts}.branches) "
        f"where id = (select min(id) from {marts}.branches)",
        read_only=False,
    )
    result = dbt(
        ["test", "-s", "jobs,test_name:null_unless", "jobs,test_name:status_in_mapping",
         "jobs,test_name:column_rules", "jobs,test_name:references", "branches,test_name:column_rules"],
        built.env, built.tmp,
    )  # fmt: skip
    statuses = _statuses(result.stdout)
    assert sorted(statuses.values()) == ["FAIL"] * 5, result.stdout[-3000:]
    # one row per broken rule: the branch's status (accepted_values) and normalized_name (unique)
    branch_test = next(name for name in statuses if name.startswith("column_rules_branches"))
    assert "Got 2 results, configured to fail if != 0" in result.stdout.split(branch_test, 2)[-1], (
        result.stdout[-3000:]
    )


def test_integrity_and_alert_say_when_no_build_made_the_marts(tmp_path: Path, pg_database: str) -> None:
    """A warehouse without integrity marts is told apart from a warehouse that cannot be read."""
    empty = {"DBT_TARGET": "duckdb", "LEADHUB_DUCKDB_PATH": str(tmp_path / "none.duckdb")}
    for command in ("integrity", "alert"):
        result = CliRunner().invoke(main, [command], env=empty)
        assert result.exit_code == 1
        assert f"no integrity {'checks' if command == 'integrity' else 'history'} on target duckdb yet" in (
            result.output
        )
    fresh = {
        "DBT_TARGET": "postgres",
        "LEADHUB_PG_DATABASE": pg_database,
        "LEADHUB_PG_SCHEMA": "nothing_built",
    }
    result = CliRunner().invoke(main, ["integrity"], env=fresh)
    assert "no integrity checks on target postgres yet" in result.output, result.output


def test_a_connection_error_is_reported_as_what_it_is(pg_database: str) -> None:
    wrong = {"DBT_TARGET": "postgres", "LEADHUB_PG_DATABASE": pg_database, "LEADHUB_PG_PASSWORD": "not-it"}
    for command in ("integrity", "alert"):
        result = CliRunner().invoke(main, [command], env=wrong)
        assert result.exit_code == 1
        assert "could not read the integrity" in result.output and "OperationalError" in result.output
        assert "yet" not in result.output


def test_job_to_customer_counts_exactly_the_customer_job_statuses() -> None:
    """The check's denominator condition restates var customer_job_statuses (vars cannot
    reference vars): this keeps the two the same."""
    variables = yaml.safe_load((ROOT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]
    expected = variables["integrity_linkage_checks"]["job_to_customer"]["expected"]
    match = re.fullmatch(r"opportunity_status in \(([^)]*)\)", expected)
    assert match, expected
    statuses = [s.strip().strip("'") for s in match.group(1).split(",")]
    assert statuses == variables["customer_job_statuses"]


def test_email_never_sends_a_password_in_clear(smtp_server: tuple[int, list]) -> None:
    """The test server offers no STARTTLS: a login is refused unless explicitly allowed, and a
    required STARTTLS that is not offered stops the send; nothing reaches the server."""
    from leadhub.alerts import AlertConfig, send_email

    port, messages = smtp_server
    env = {
        "LEADHUB_ALERT_SMTP_HOST": "127.0.0.1",
        "LEADHUB_ALERT_SMTP_PORT": str(port),
        "LEADHUB_ALERT_EMAIL_TO": "analytics@example.com",
    }
    with_login = AlertConfig.from_env(
        {**env, "LEADHUB_ALERT_SMTP_USER": "u", "LEADHUB_ALERT_SMTP_PASSWORD": "p"}
    )
    with pytest.raises(OSError, match="refusing to send the SMTP password"):
        send_email(with_login, "subject", ["line"])
    with pytest.raises(OSError, match="does not offer STARTTLS"):
        send_email(AlertConfig.from_env({**env, "LEADHUB_ALERT_SMTP_STARTTLS": "1"}), "subject", ["line"])
    assert messages == []
    send_email(AlertConfig.from_env(env), "subject", ["line"])  # no login, no secret: sent
    assert len(messages) == 1
