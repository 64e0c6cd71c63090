#!/bin/sh
# Run once by the postgres image on an empty volume: dondoc's own database and role beside Temporal's.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE dondoc LOGIN PASSWORD '${DONDOC_DB_PASSWORD:-dondoc}';
CREATE DATABASE dondoc OWNER dondoc;
SQL
