"""The case database schema (SQLAlchemy Core, so a shared PostgreSQL can follow SQLite).

SCHEMA_VERSION counts schema changes; every older version has a step in migrations.py and its
DDL kept below (as it was released), so tests can build an old database and migrate it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

SCHEMA_VERSION = 5

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("officer", Text, nullable=False),
    Column("desk", Text, nullable=False, default=""),
    Column("opened_at", Text, nullable=False),
    Column("closed_at", Text),
    Column("policy_name", Text, nullable=False, default=""),  # v2
    Column("policy_text", Text, nullable=False),
    Column("policy_hash", Text, nullable=False),
    Column("training", Boolean, nullable=False, default=False),  # v2
)

# v4: a group (flight, travel party) is a record of the store, not of one case: travelers of
# cases at different desks join the same open group by its name, and are judged together.
travel_groups = Table(
    "travel_groups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("opened_at", Text, nullable=False),
    Column("opened_by", Text, nullable=False),
    Column("closed_at", Text),
)

travelers = Table(
    "travelers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("document", Text),
    Column("grp", Text),
    # v4: the group record it belongs to (grp keeps its name, as before)
    Column("group_id", Integer, ForeignKey("travel_groups.id"), nullable=True),
    # v5: the receipt's language (a server default too: rows written before it read as English)
    Column("language", Text, nullable=False, default="en", server_default="en"),
    UniqueConstraint("case_id", "name"),
)

declarations = Table(
    "declarations",
    metadata,
    Column("traveler_id", Integer, ForeignKey("travelers.id"), primary_key=True),
    Column("text", Text, nullable=False),
    Column("declared_bytes", BigInteger),
    Column("licence", Text),
    Column("updated_at", Text, nullable=False),
)

drives = Table(
    "drives",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    # v3: nullable, a drive on the desk nobody carries yet is recorded all the same
    Column("traveler_id", Integer, ForeignKey("travelers.id"), nullable=True),
    Column("identity_key", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("model", Text),
    Column("serial", Text),
    Column("wwn", Text),
    Column("capacity_bytes", BigInteger),
    Column("bay", Text),
    Column("mount_options", Text),  # v2
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("complete", Boolean, nullable=False, default=False),
    Column("result_json", Text),
    Column("result_hash", Text),
    UniqueConstraint("case_id", "identity_key"),
)

verdicts = Table(
    "verdicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    Column("scope", Text, nullable=False),  # traveler | group
    Column("subject", Text, nullable=False),  # traveler or group name
    Column("verdict", Text, nullable=False),  # clear | refer
    Column("reasons", Text, nullable=False),  # JSON list of strings
    Column("computed_at", Text, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),
    Column("case_id", Integer),
    Column("officer", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("data", Text, nullable=False),  # canonical JSON
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

# v4: the audit anchor kept in the database too (one row, moved in each write transaction;
# the SQLite store keeps its anchor file beside it as well).
audit_anchor = Table(
    "audit_anchor",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1
    Column("seq", Integer, nullable=False),
    Column("hash", Text, nullable=False),
)

# v4: actions a desk did with an action id (its offline journal's, or any write of a shared
# store): applied in the same transaction as the action, so a replay applies each exactly once.
desk_actions = Table(
    "desk_actions",
    metadata,
    Column("action_id", Text, primary_key=True),
    Column("desk", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("queued_at", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
    Column("result_id", Integer),  # the record it made (a drive's id), for later actions
)

# Schema version 2 as released: the drives table before v3 (traveler_id NOT NULL).
V2_DRIVES_DDL = """
CREATE TABLE drives (
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id),
  traveler_id INTEGER NOT NULL REFERENCES travelers(id), identity_key TEXT NOT NULL,
  target TEXT NOT NULL, model TEXT, serial TEXT, wwn TEXT, capacity_bytes BIGINT, bay TEXT,
  started_at TEXT NOT NULL, finished_at TEXT, complete BOOLEAN NOT NULL, result_json TEXT,
  result_hash TEXT, mount_options TEXT, UNIQUE (case_id, identity_key));
"""

# Schema version 1 as released (SQLite DDL), for migration tests and for the record.
V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY AUTOINCREMENT, officer TEXT NOT NULL, desk TEXT NOT NULL,
  opened_at TEXT NOT NULL, closed_at TEXT, policy_text TEXT NOT NULL, policy_hash TEXT NOT NULL);
CREATE TABLE travelers (
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id),
  name TEXT NOT NULL, document TEXT, grp TEXT, UNIQUE (case_id, name));
CREATE TABLE declarations (
  traveler_id INTEGER PRIMARY KEY REFERENCES travelers(id), text TEXT NOT NULL,
  declared_bytes BIGINT, licence TEXT, updated_at TEXT NOT NULL);
CREATE TABLE drives (
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id),
  traveler_id INTEGER NOT NULL REFERENCES travelers(id), identity_key TEXT NOT NULL,
  target TEXT NOT NULL, model TEXT, serial TEXT, wwn TEXT, capacity_bytes BIGINT, bay TEXT,
  started_at TEXT NOT NULL, finished_at TEXT, complete BOOLEAN NOT NULL, result_json TEXT,
  result_hash TEXT, UNIQUE (case_id, identity_key));
CREATE TABLE verdicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL REFERENCES cases(id),
  scope TEXT NOT NULL, subject TEXT NOT NULL, verdict TEXT NOT NULL, reasons TEXT NOT NULL,
  computed_at TEXT NOT NULL);
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, case_id INTEGER, officer TEXT NOT NULL,
  kind TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('schema_version', '1');
"""
