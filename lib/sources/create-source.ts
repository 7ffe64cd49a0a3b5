import { recordAudit } from "../audit/record-audit";
import { assertKeyFree } from "../config/key-conflict";
import { isAvailable } from "../connectors/registry";
import { db } from "../db";
import { AppError, parseInput } from "../errors";
import { ZCreateSourceSchema } from "./schemas";

export async function createSource(input: unknown) {
  const { name, kind, key } = parseInput(ZCreateSourceSchema, input);
  if (!isAvailable(kind)) {
    throw new AppError("invalid_input", "This kind of source is not supported in this version yet.", { kind: ["Not supported yet"] });
  }
  await assertKeyFree("source", key);
  return db().$transaction(async (tx) => {
    const source = await tx.source.create({ data: { name, kind, key: key ?? null }, select: { id: true, key: true, name: true, kind: true, createdAt: true } });
    await recordAudit({ action: "source.create", resource: { type: "source", id: source.id, name }, after: { name, kind, key: key ?? null } }, tx);
    return source;
  });
}
