// The table issue 15 measures on: user data as it comes, with the column types of a real product
// table (text, timestamptz, numeric(10,2), boolean, int, a jsonb object with a nested array) and
// NULLs in some columns. The naive pipeline and the engine read the same rows from it.
import pg from "pg";

export const REALISTIC_TABLE = "bench_realistic";

export const realisticQuery = (rows: number) =>
  `SELECT id AS "userId", email, name, plan, signed_up_at, balance, verified, logins, country, profile FROM ${REALISTIC_TABLE} WHERE id <= ${rows}`;

export async function generateRealisticRows(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      DROP TABLE IF EXISTS ${REALISTIC_TABLE};
      CREATE TABLE ${REALISTIC_TABLE} (
        id bigint PRIMARY KEY, email text NOT NULL, name text, plan text, signed_up_at timestamptz,
        balance numeric(10, 2), verified boolean, logins int, country text, profile jsonb
      );
      INSERT INTO ${REALISTIC_TABLE}
      SELECT g, 'user' || g || '@example.com',
        CASE WHEN g % 7 = 0 THEN NULL ELSE 'Person ' || (g % 5000) || ' ' || (g % 977) END,
        (ARRAY['free', 'pro', 'enterprise', NULL])[1 + g % 4],
        timestamptz '2024-01-01 00:00:00+00' + g * interval '17 seconds' + (g % 1000) * interval '1 millisecond',
        CASE WHEN g % 5 = 0 THEN NULL ELSE ((g::bigint * 7919) % 1000000) / 100.0 END,
        CASE WHEN g % 11 = 0 THEN NULL ELSE g % 3 = 0 END,
        (g * 31) % 5000,
        (ARRAY['GB', 'US', 'DE', 'FR', 'JP', 'BR', NULL])[1 + g % 7],
        CASE WHEN g % 13 = 0 THEN NULL ELSE jsonb_build_object(
          'source', (ARRAY['ads', 'organic', 'referral'])[1 + g % 3],
          'tags', to_jsonb(ARRAY['t' || (g % 10), 't' || (g % 17)]),
          'preferences', jsonb_build_object('newsletter', g % 2 = 0, 'language', (ARRAY['en', 'de', 'fr'])[1 + g % 3]),
          'score', (g % 1000) / 10.0
        ) END
      FROM generate_series(1, ${count}) AS g;
      ANALYZE ${REALISTIC_TABLE};
    `);
  } finally {
    await client.end();
  }
}
