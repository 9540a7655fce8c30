"""SQL persistence (SQLite embedded, PostgreSQL in production) through SQLAlchemy 2 async.

- ``engine.create_engine(url)``: the async engine, with SQLite pragmas or PostgreSQL pre-ping.
- ``unit_of_work.SqlUnitOfWorkFactory(engine)``: the ``UnitOfWorkFactory`` the composition root wires.
- ``migrate.upgrade_database(url)`` and friends: the Alembic history in ``migrations/``, run in-process.
- ``tables``: the schema the repositories query; the migrations create the same one.

Nothing here connects at import time.
"""
