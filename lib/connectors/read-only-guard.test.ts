import { describe, expect, it } from "vitest";
import { readOnlyProblem, type SqlDialect } from "./read-only-guard";

const accepts: [SqlDialect, string][] = [
  ["postgresql", `SELECT id AS userId, email FROM users WHERE EXTRACT(EPOCH FROM updated_at) > 0 ORDER BY id`],
  ["postgresql", `WITH recent AS (SELECT * FROM events) SELECT * FROM recent;`],
  ["postgresql", `SELECT 'DROP TABLE users; --' AS text, "delete" FROM t -- trailing; comment`],
  ["redshift", `SELECT id FROM users WHERE DATE_PART(epoch, updated_at) > 1700000000`],
  ["mariadb", `SELECT id FROM users WHERE UNIX_TIMESTAMP(last_updated) > 1700000000`],
  ["mysql", `SELECT TRUNCATE(amount, 2), REPLACE(name, 'a', 'b') FROM orders`],
  ["transactsql", `SELECT TOP 10 id FROM dbo.users WITH (NOLOCK) WHERE DATEDIFF(s, '1970-01-01', last_updated) >= 1700000000`],
  ["transactsql", `SELECT [update] FROM [dbo].[users]`],
  ["snowflake", `SELECT id FROM users WHERE DATE_PART(epoch_second, last_updated) >= 1700000000 - 300`],
  ["snowflake", `SELECT v:a::string, f.value FROM t, LATERAL FLATTEN(input => t.v:items) f`],
  ["snowflake", `SELECT v:update::string AS last_update FROM events`],
  ["bigquery", "SELECT id FROM `proj.ds.users` WHERE UNIX_SECONDS(last_updated) >= 1700000000 - 300"],
  ["bigquery", "SELECT STRUCT(1 AS a) AS s, [1, 2, 3] AS arr FROM UNNEST([1]) AS x"],
];

const refuses: [SqlDialect, string, RegExp][] = [
  ["postgresql", "SELECT 1; DROP TABLE users", /2 statements|more than one/],
  ["postgresql", "DROP TABLE users", /DROP/],
  ["postgresql", "select * into t2 from users", /INTO/],
  ["postgresql", "WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d", /DELETE|statement/i],
  ["postgresql", "UPDATE users SET plan = 'x'", /UPDATE/],
  ["mariadb", "SELECT 1; DROP TABLE users", /statement/],
  ["mariadb", "select * from t into outfile '/tmp/x'", /INTO/],
  ["mysql", "INSERT INTO users VALUES (1)", /INSERT/],
  ["transactsql", "SELECT 1 DROP TABLE users", /DROP|statement/],
  ["transactsql", "WAITFOR DELAY '00:00:10'", /WAITFOR/],
  ["transactsql", "EXEC sp_who", /EXEC/],
  ["transactsql", "SELECT * INTO copy FROM users", /INTO/],
  ["snowflake", "SELECT 1; DROP TABLE users", /statement/],
  ["bigquery", "DELETE FROM ds.users WHERE true", /DELETE/],
  ["bigquery", "SELECT 1; SELECT 2", /statement/],
  ["postgresql", "  -- only a comment", /empty/],
];

describe("readOnlyProblem", () => {
  it.each(accepts)("accepts a %s SELECT: %s", (dialect, sql) => {
    expect(readOnlyProblem(sql, dialect)).toBeUndefined();
  });
  it.each(refuses)("refuses in %s: %s", (dialect, sql, reason) => {
    expect(readOnlyProblem(sql, dialect)).toMatch(reason);
  });
});
