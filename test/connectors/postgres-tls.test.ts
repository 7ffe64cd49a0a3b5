// TLS to a real PostgreSQL: each sslMode against a server with a certificate from a throwaway CA.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import { ZPostgresConfigSchema, type TPostgresConfig } from "../../lib/connectors/postgres/spec";
import { readAll } from "../support/read-all";
import { createTestCa, type TestCa } from "../support/certificates";
import { startPostgres, type StartedServer } from "../support/postgres";

const run = promisify(execFile);
let server: StartedServer;
let admin: pg.Client;
let ca: TestCa;
let otherCa: TestCa;
let dataDir: string;
let base: Omit<TPostgresConfig, "sslMode" | "caCertificate">;

/** Installs a server certificate and reloads; new connections get it. */
async function serveCertificate(cert: { cert: string; key: string }) {
  const [certFile, keyFile] = [join(dataDir, "server.crt"), join(dataDir, "server.key")];
  await writeFile(certFile, cert.cert);
  await writeFile(keyFile, cert.key, { mode: 0o600 });
  if (process.getuid?.() === 0) await run("chown", ["postgres:", certFile, keyFile]);
  await admin.query("ALTER SYSTEM SET ssl = on");
  await admin.query("SELECT pg_reload_conf()");
  await new Promise((resolve) => setTimeout(resolve, 300));
}

const check = (config: Partial<TPostgresConfig>) => postgresConnector.check(ZPostgresConfigSchema.parse({ ...base, ...config }));

beforeAll(async () => {
  [server, ca, otherCa] = await Promise.all([startPostgres(), createTestCa("Tidewater Test CA"), createTestCa("Someone Else's CA")]);
  const url = new URL(server.url);
  base = { host: "127.0.0.1", port: Number(url.port), database: "app", user: url.username, password: url.password };
  admin = new pg.Client({ host: "127.0.0.1", port: Number(url.port), database: "app", user: "postgres", password: "postgres-pass" });
  await admin.connect();
  dataDir = (await admin.query("SHOW data_directory")).rows[0].data_directory as string;
});

afterAll(async () => {
  await admin?.end();
  await Promise.all([server?.stop(), ca?.cleanup(), otherCa?.cleanup()]);
});

describe("a certificate for the host, from our CA", () => {
  beforeAll(async () => serveCertificate(await ca.issue("IP:127.0.0.1")));

  it("verify-full with the right CA connects, and the session is encrypted", async () => {
    expect(await check({ sslMode: "verify-full", caCertificate: ca.cert })).toEqual({ ok: true });
    const { rows } = await readAll(postgresConnector.read(ZPostgresConfigSchema.parse({ ...base, sslMode: "verify-full", caCertificate: ca.cert }), "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
    expect(rows).toEqual([[true]]);
  });

  it("verify-full with another CA is refused with a clear message", async () => {
    expect(await check({ sslMode: "verify-full", caCertificate: otherCa.cert })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not signed by a trusted certificate authority: paste the CA certificate/),
    });
  });

  it("verify-full without a CA does not trust a private CA", async () => {
    expect(await check({ sslMode: "verify-full" })).toMatchObject({ ok: false, message: expect.stringMatching(/not signed by a trusted certificate authority/) });
  });

  it("require encrypts without checking the certificate", async () => {
    expect(await check({ sslMode: "require" })).toEqual({ ok: true });
  });

  it("a config stored as ssl: true before sslMode still connects (as require)", async () => {
    expect(await postgresConnector.check({ ...base, ssl: true } as never)).toEqual({ ok: true });
  });
});

describe("a certificate for another name, from our CA", () => {
  beforeAll(async () => serveCertificate(await ca.issue("DNS:db.internal")));

  it("verify-full is refused: the certificate is not for this host", async () => {
    expect(await check({ sslMode: "verify-full", caCertificate: ca.cert })).toMatchObject({ ok: false, message: expect.stringMatching(/certificate is not for "127\.0\.0\.1"/) });
  });

  it("verify-ca connects: the chain is ours, the name is not checked", async () => {
    expect(await check({ sslMode: "verify-ca", caCertificate: ca.cert })).toEqual({ ok: true });
  });

  it("verify-ca with another CA is still refused", async () => {
    expect(await check({ sslMode: "verify-ca", caCertificate: otherCa.cert })).toMatchObject({ ok: false, message: expect.stringMatching(/not signed by a trusted/) });
  });
});

describe("a server that accepts only TLS", () => {
  beforeAll(async () => {
    const hbaFile = (await admin.query("SHOW hba_file")).rows[0].hba_file as string;
    await writeFile(hbaFile, `hostnossl all all 127.0.0.1/32 reject\n${await readFile(hbaFile, "utf8")}`);
    await admin.query("SELECT pg_reload_conf()");
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it("refuses disable, and says to turn SSL on", async () => {
    expect(await check({ sslMode: "disable" })).toMatchObject({ ok: false, message: expect.stringMatching(/requires SSL: set SSL mode to verify-full/) });
    expect(await check({ sslMode: "require" })).toEqual({ ok: true });
  });
});
