"""The database that holds the record: the store API, its schema and migrations, the SQLite
file's health, and the team edition's PostgreSQL backend."""
