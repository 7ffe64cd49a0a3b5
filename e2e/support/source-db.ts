import pg from "pg";
import { startPostgres, TEST_DATABASE, TEST_PASSWORD, TEST_USER, type StartedServer } from "../../test/support/postgres";

export type SourceDb = StartedServer & { host: string; user: string; password: string; database: string; query: (sql: string, params?: unknown[]) => Promise<pg.QueryResult> };

/** A real PostgreSQL for a spec to read from, with helpers to seed it. */
export async function startSourceDb(): Promise<SourceDb> {
  const server = await startPostgres();
  const query = async (sql: string, params?: unknown[]) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  return { ...server, host: "127.0.0.1", user: TEST_USER, password: TEST_PASSWORD, database: TEST_DATABASE, query };
}

/** A `customers` table: three people, one with no id (its row fails as an identify call). */
export async function seedCustomers(db: SourceDb) {
  await db.query(`
    create table if not exists customers (id text, email text, first_name text, plan text, updated_at timestamptz default now());
    delete from customers;
    insert into customers (id, email, first_name, plan) values
      ('u-1', 'ada@example.com', 'Ada', 'pro'),
      ('u-2', 'grace@example.com', 'Grace', 'free'),
      (null, 'nobody@example.com', 'Nobody', 'free');
  `);
}
