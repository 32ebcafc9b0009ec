"""Imports of departments, interactions and trainings with the CRM's Chinese headers:
departments placed by the dictionary, unknown ones refused by row, re-imports idempotent."""

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from hub.audit.writer import Author
from hub.db.department import Department
from hub.db.engine import Database
from hub.db.interaction import Interaction, InteractionParticipant
from hub.db.training import TrainingAttendee
from hub.transfer.import_columns import ImportKind
from hub.transfer.imports import ImportReport, import_rows
from hub.transfer.tables import mapped_rows
from tests import factories
from tests.graphql_client import GraphQLClient

AUTHOR = Author(actor="test:import")
CONTACTS = """联系人编号,联系人,客户编码,科室,手机
C-1,张伟,H-6,心内科,13812345678
C-2,李娜,H-6,放射科,13912345678
"""
DEPARTMENTS = """科室编号,客户编码,科室
D-1,H-6,设备处
D-2,H-6,神秘科
"""
VISITS = """拜访编号,客户编码,科室,拜访日期,类型,跟进人,拜访方式,沟通内容,下次跟进日期,联系人编号
V-1,H-6,心内,2026-03-02,拜访,王销售,面访,张主任希望试用,2026-03-16,C-1
V-2,H-6,心内科一病区,2026-03-03,电话,王销售,电话,回访,,C-1
V-3,H-6,心内科,2026-03-04,投诉,王销售,电话,报警声太大,,C-9
"""
TRAININGS = (
    ("培训编号,客户编码,科室,注册证号,培训日期,培训讲师,参训人员编号,操作证编号,证书有效期至\n")
    + """T-1,H-6,影像科,国械注准20163060517,2026-02-01,联影李工,C-2,UIH-OP-001,2028-02-01
T-1,H-6,影像科,国械注准20163060517,2026-02-01,联影李工,C-1,,
"""
)


async def _import(database: Database, tmp_path: Path, kind: ImportKind, text: str) -> ImportReport:
    path = tmp_path / f"{kind.value}.csv"
    path.write_text(text, encoding="utf-8-sig")
    _, rows = mapped_rows(path, kind)
    return await import_rows(database, AUTHOR, kind, rows, source_system="crm")


def _failures(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(number, ".".join(error.field), error.code.value) for number, error in report.failures]


async def _count(database: Database, model: type[Any]) -> int:
    async with database.reader() as session:
        return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def _hospital(api: GraphQLClient, database: Database, tmp_path: Path) -> None:
    await factories.institution(api, code="H-6", name="上海市第六人民医院")
    await factories.device_model(
        api,
        name="uCT 760",
        deviceClass="III",
        categoryCode="06-03",
        registrationNumber="国械注准20163060517",
        udiDi=None,
    )
    report = await _import(database, tmp_path, ImportKind.CONTACTS, CONTACTS)
    assert report.failures == []


async def test_imported_departments_land_on_codes_and_unknown_ones_are_refused(
    api: GraphQLClient, database: Database, tmp_path: Path
) -> None:
    await _hospital(api, database, tmp_path)
    report = await _import(database, tmp_path, ImportKind.DEPARTMENTS, DEPARTMENTS)
    assert (report.written, _failures(report)) == (1, [(3, "name", "UNKNOWN_CODE")])
    async with database.reader() as session:
        codes = (await session.execute(select(Department.code).order_by(Department.code))).all()
    # 03.04 and 32 came with the contacts' 科室, A01 with this import.
    assert [code for (code,) in codes] == ["03.04", "32", "A01"]


async def test_visits_import_once_with_their_departments_and_contacts(
    api: GraphQLClient, database: Database, tmp_path: Path
) -> None:
    await _hospital(api, database, tmp_path)
    report = await _import(database, tmp_path, ImportKind.INTERACTIONS, VISITS)
    assert _failures(report) == [
        (3, "department", "UNKNOWN_CODE"),
        (4, "contact_source_ids", "NOT_FOUND"),
    ]
    again = await _import(database, tmp_path, ImportKind.INTERACTIONS, VISITS)
    assert (again.created, again.written) == (0, 1)
    assert await _count(database, Interaction) == 1
    assert await _count(database, InteractionParticipant) == 1
    body = await api.data(
        "{ interactions { nodes { kind channel ourPerson nextFollowUpOn department { code } "
        "contacts { name } } } }"
    )
    assert body["interactions"]["nodes"] == [
        {
            "kind": "VISIT",
            "channel": "IN_PERSON",
            "ourPerson": "王销售",
            "nextFollowUpOn": "2026-03-16",
            "department": {"code": "03.04"},
            "contacts": [{"name": "张伟"}],
        }
    ]


async def test_a_training_of_several_rows_collects_its_attendees(
    api: GraphQLClient, database: Database, tmp_path: Path
) -> None:
    await _hospital(api, database, tmp_path)
    report = await _import(database, tmp_path, ImportKind.TRAININGS, TRAININGS)
    assert report.failures == []
    await _import(database, tmp_path, ImportKind.TRAININGS, TRAININGS)
    assert await _count(database, TrainingAttendee) == 2
    body = await api.data(
        "{ trainings { nodes { trainer trainedOn department { code } deviceModel { name } "
        "attendees { certificateNumber certificateExpiresOn contact { name } } } } }"
    )
    (training,) = body["trainings"]["nodes"]
    assert (training["trainer"], training["department"], training["deviceModel"]) == (
        "联影李工",
        {"code": "32"},
        {"name": "uCT 760"},
    )
    assert sorted(
        (a["contact"]["name"], a["certificateNumber"], a["certificateExpiresOn"])
        for a in training["attendees"]
    ) == [("张伟", None, None), ("李娜", "UIH-OP-001", "2028-02-01")]
