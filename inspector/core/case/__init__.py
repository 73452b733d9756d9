"""The case record: the store (SQLAlchemy engine, schema, migrations, queries), cases and
travelers as frozen values (`records`), the policy and its verdicts, and the hash-chained
audit log that vouches for every change."""
