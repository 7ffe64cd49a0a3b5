import type { CheckResult } from "../types";
import { connectDemo } from "./database";

/** The demo needs no settings; the only thing that can fail is starting the embedded database. */
export async function checkDemo(): Promise<CheckResult> {
  try {
    const connection = await connectDemo();
    try {
      await connection.run("SELECT 1");
    } finally {
      connection.closeSync();
    }
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The demo database could not start: ${reason}` };
  }
}
