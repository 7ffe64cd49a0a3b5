import pg from "pg";
import { startPostgres, TEST_DATABASE, TEST_PASSWORD, TEST_USER, type StartedServer } from "../../test/support/postgres";

export type SourceDb = StartedServer & {
  host: string;
  /** A user with SELECT only, as the docs recommend: what specs type into the form. */
  user: string;
  password: string;
  database: string;
  /** The database's owner, who can change data (Save database warns about it). */
  owner: { user: string; password: string };
  query: (sql: string, params?: unknown[]) => Promise<pg.QueryResult>;
};

const READER = "tidewater_reader";
const READER_PASSWORD = "reader-pass";

/** A real PostgreSQL for a spec to read from, with helpers to seed it (as the owner). */
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
  const reader = await createReader(server).then(() => ({ user: READER, password: READER_PASSWORD }), () => ({ user: TEST_USER, password: TEST_PASSWORD }));
  return { ...server, host: "127.0.0.1", ...reader, database: TEST_DATABASE, owner: { user: TEST_USER, password: TEST_PASSWORD }, query };
}

/** SELECT on every table the owner has or will create, nothing else. */
async function createReader(server: StartedServer) {
  const admin = new pg.Client({ host: "127.0.0.1", port: server.port, database: TEST_DATABASE, user: "postgres", password: "postgres-pass" });
  await admin.connect();
  try {
    await admin.query(`
      CREATE ROLE ${READER} LOGIN PASSWORD '${READER_PASSWORD}';
      GRANT USAGE ON SCHEMA public TO ${READER};
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${TEST_USER} IN SCHEMA public GRANT SELECT ON TABLES TO ${READER};
    `);
  } finally {
    await admin.end();
  }
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
