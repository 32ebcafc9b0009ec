"""`hub rescreen`, `hub alerts` and `hub quality-report`, run as an operator would."""

import asyncio
import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from hub.audit.writer import Author
from hub.cli import app
from hub.config import get_settings
from hub.db.audit import AuditEvent
from hub.db.engine import Database
from hub.db.enums import CertificateKind, InstitutionKind
from hub.db.institution import Institution
from hub.quality.clock import today
from hub.store import certificate_review, certificates, institutions
from tests.quality.reviewing import DISTRIBUTOR_USCC

runner = CliRunner()
SUBMITTER = Author(actor="key:clerk")
REVIEWERS = (Author(actor="key:reviewer-li"), Author(actor="key:reviewer-wang"))
BUNDLED_RULES = Path(__file__).parents[2] / "hub" / "quality" / "rules.toml"


async def _seed_distributor(url: str, filing_days: int) -> uuid.UUID:
    """A distributor whose approved filing ends in `filing_days` days."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            values = {"name": "上海医疗器械经营有限公司", "kind": InstitutionKind.DISTRIBUTOR}
            distributor = await institutions.create(
                session, SUBMITTER, {**values, "uscc": DISTRIBUTOR_USCC}
            )
            held = [
                {"kind": CertificateKind.BUSINESS_LICENSE, "number": DISTRIBUTOR_USCC},
                {
                    "kind": CertificateKind.CLASS_II_FILING,
                    "number": "沪徐药监械经营备20220012号",
                    "valid_to": today() + timedelta(days=filing_days),
                },
            ]
            for values in held:
                certificate = await certificates.create(
                    session, SUBMITTER, {"institution_id": distributor.id, **values}
                )
                for reviewer in REVIEWERS:
                    await certificate_review.review(
                        session, reviewer, certificate.id, True, None, None
                    )
        return distributor.id
    finally:
        await database.dispose()


async def _status_and_events(url: str, institution_id: uuid.UUID) -> tuple[str, list[dict]]:
    database = Database(url)
    try:
        async with database.reader() as session:
            institution = await session.get(Institution, institution_id)
            assert institution is not None and institution.qualification_status is not None
            events = await session.execute(
                select(AuditEvent)
                .where(AuditEvent.entity_id == institution_id, AuditEvent.action == "REQUALIFY")
                .order_by(AuditEvent.seq)
            )
            changes = [event.changes["qualification_status"] for event in events.scalars()]
        return institution.qualification_status.value, changes
    finally:
        await database.dispose()


def test_rescreen_after_editing_a_copy_of_the_rules_records_the_change(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributor_id = asyncio.run(_seed_distributor(database_url, filing_days=60))
    assert asyncio.run(_status_and_events(database_url, distributor_id))[0] == "EXPIRING"
    edited = tmp_path / "rules.toml"
    text = BUNDLED_RULES.read_text(encoding="utf-8")
    edited.write_text(text.replace("warning_days = 90", "warning_days = 30"), encoding="utf-8")
    monkeypatch.setenv("HUB_RULES_FILE", str(edited))
    get_settings.cache_clear()
    result = runner.invoke(app, ["rescreen"])
    assert result.exit_code == 0, result.output
    assert "EXPIRING" in result.output and "QUALIFIED" in result.output
    status, changes = asyncio.run(_status_and_events(database_url, distributor_id))
    assert status == "QUALIFIED"
    assert changes[-1] == {"before": "EXPIRING", "after": "QUALIFIED"}
    again = runner.invoke(app, ["rescreen"])
    assert "No qualification status changed." in again.output


def test_alerts_print_as_json(database_url: str) -> None:
    asyncio.run(_seed_distributor(database_url, filing_days=20))
    result = runner.invoke(app, ["alerts", "--within", "30", "--json"])
    assert result.exit_code == 0, result.output
    alerts = json.loads(result.output)
    assert [(alert["kind"], alert["daysLeft"]) for alert in alerts] == [
        ("CERTIFICATE_EXPIRING", 20)
    ]


def test_alerts_print_as_a_table(database_url: str) -> None:
    asyncio.run(_seed_distributor(database_url, filing_days=20))
    result = runner.invoke(app, ["alerts", "--within", "30"])
    assert result.exit_code == 0, result.output
    assert "CERTIFICATE_EXPIRING" in result.output


def test_quality_report_prints_every_rule(database_url: str) -> None:
    asyncio.run(_seed_distributor(database_url, filing_days=400))
    result = runner.invoke(app, ["quality-report", "--json"])
    assert result.exit_code == 0, result.output
    rules = {row["rule"]: row for row in json.loads(result.output)}
    assert rules["INSTITUTION_ADDRESS"]["failing"] == 1
    assert rules["CERTIFICATE_NUMBER"]["failing"] == 0
    table = runner.invoke(app, ["quality-report"])
    assert "INSTITUTION_ADDRESS" in table.output


def test_rescreen_with_a_missing_rules_file_says_so(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUB_RULES_FILE", str(tmp_path / "missing.toml"))
    get_settings.cache_clear()
    result = runner.invoke(app, ["rescreen"])
    assert result.exit_code == 1
    assert "cannot read the rules file" in result.output
