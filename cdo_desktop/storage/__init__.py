"""Storage of projects in SQLite through peewee: tables, schema versions, repositories."""
