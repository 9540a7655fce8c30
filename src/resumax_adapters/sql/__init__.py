"""SQL persistence (SQLite embedded, PostgreSQL in production) through SQLAlchemy 2 async."""
