#!/usr/bin/env bash
# Automate it: sets up a PostgreSQL → HTTP batch (Segment-compatible) identify sync through the
# Tidewater REST API, runs it once and waits for the result. Needs only bash, curl and sed.
#
#   TIDEWATER_URL=http://localhost:3000 TIDEWATER_API_TOKEN=… \
#   PGHOST=db.internal PGPORT=5432 PGDATABASE=app PGUSER=tidewater PGPASSWORD=… \
#   DESTINATION_URL=https://cdp.customer.io WRITE_KEY=… \
#   bash scripts/automate-example.sh
#
# TIDEWATER_API_TOKEN is an admin token: the one you started Tidewater with (TIDEWATER_API_TOKEN in
# its environment) or one from Settings → API tokens. SYNC_QUERY overrides the query; the full API
# is described at $TIDEWATER_URL/api/v1/openapi.json.
set -euo pipefail

: "${TIDEWATER_URL:=http://localhost:3000}"
: "${TIDEWATER_API_TOKEN:?set TIDEWATER_API_TOKEN to an admin API token}"
: "${PGHOST:?}" "${PGDATABASE:?}" "${PGUSER:?}" "${PGPASSWORD:?}" "${DESTINATION_URL:?}" "${WRITE_KEY:?}"
: "${PGPORT:=5432}"
# {{last_sync_time}} becomes the Unix time of the last successful run's start (0 at first).
default_query='SELECT id AS "userId", email, plan FROM users WHERE updated_at > to_timestamp({{last_sync_time}})'
SYNC_QUERY=${SYNC_QUERY:-$default_query}

# api METHOD PATH [JSON]: prints the response body; on an HTTP error shows it and stops.
api() {
  local body
  if ! body=$(curl --silent --show-error --fail-with-body -X "$1" "$TIDEWATER_URL/api/v1$2" \
    -H "Authorization: Bearer $TIDEWATER_API_TOKEN" -H "Content-Type: application/json" ${3:+--data "$3"}); then
    echo "$1 $2 failed: $body" >&2
    exit 1
  fi
  printf '%s\n' "$body"
}
# field NAME: the first "NAME":"value" (or number) of the JSON on stdin.
field() { grep -o "\"$1\":\"\{0,1\}[^\",}]*" | sed -n 1p | sed 's/^[^:]*://; s/"//g'; }
# json STRING: STRING as a JSON string literal.
json() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g')"; }

source_id=$(api POST /sources '{"name":"Warehouse","kind":"postgres"}' | field id)
echo "source      $source_id"

database_id=$(api POST "/sources/$source_id/databases" "{\"name\":$(json "$PGDATABASE"),\"config\":{\"host\":$(json "$PGHOST"),\"port\":$PGPORT,\"database\":$(json "$PGDATABASE"),\"user\":$(json "$PGUSER"),\"password\":$(json "$PGPASSWORD")}}" | field id)
echo "database    $database_id (connection tested)"

destination_id=$(api POST /destinations "{\"name\":\"Data Pipelines\",\"kind\":\"http-batch\",\"config\":{\"url\":$(json "$DESTINATION_URL"),\"writeKey\":$(json "$WRITE_KEY")}}" | field id)
echo "destination $destination_id"

sync_id=$(api POST /syncs "{\"sourceId\":\"$source_id\",\"databaseId\":\"$database_id\",\"name\":\"Users\",\"type\":\"identify\",\"query\":$(json "$SYNC_QUERY"),\"frequencyMinutes\":60,\"destinationIds\":[\"$destination_id\"]}" | field id)
echo "sync        $sync_id (every 60 minutes)"

run_id=$(api POST "/syncs/$sync_id/runs" | field id)
echo "run         $run_id started"

while :; do
  run=$(api GET "/runs/$run_id")
  status=$(printf '%s' "$run" | field status)
  case "$status" in queued|running) ;; *) break ;; esac
  sleep 2
done
echo "run         $status: $(printf '%s' "$run" | field rowsSucceeded) rows sent, $(printf '%s' "$run" | field rowsFailed) failed"
if [ "$(printf '%s' "$run" | field rowsFailed)" != 0 ]; then
  echo "errors      $TIDEWATER_URL/api/v1/runs/$run_id/errors.csv"
fi
[ "$status" = succeeded ] || { echo "$run" >&2; exit 1; }
