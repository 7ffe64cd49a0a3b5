// Throwaway certificate authorities and server certificates for TLS tests, made with openssl.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export type TestCa = { cert: string; issue(subjectAltName: string): Promise<{ cert: string; key: string }>; cleanup(): Promise<void> };

/** A CA whose `issue("DNS:db.internal,IP:127.0.0.1")` signs a server certificate for those names. */
export async function createTestCa(name: string): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), "tidewater-ca-"));
  const file = (base: string) => join(dir, base);
  await run("openssl", ["req", "-x509", ...EC, "-keyout", file("ca.key"), "-out", file("ca.crt"), "-subj", `/CN=${name}`, "-days", "2"]);
  let serial = 0;
  return {
    cert: await readFile(file("ca.crt"), "utf8"),
    async issue(subjectAltName) {
      const id = `server${++serial}`;
      await writeFile(file(`${id}.ext`), `subjectAltName=${subjectAltName}\nextendedKeyUsage=serverAuth\n`);
      await run("openssl", ["req", ...EC, "-keyout", file(`${id}.key`), "-out", file(`${id}.csr`), "-subj", `/CN=${id}`]);
      await run("openssl", [
        "x509", "-req", "-in", file(`${id}.csr`), "-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-set_serial", String(serial),
        "-out", file(`${id}.crt`), "-days", "2", "-extfile", file(`${id}.ext`),
      ]);
      return { cert: await readFile(file(`${id}.crt`), "utf8"), key: await readFile(file(`${id}.key`), "utf8") };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
