import { NextResponse } from "next/server";
import { clientAddress } from "@/lib/auth/client-address";
import { RateLimitedError } from "@/lib/auth/rate-limit";
import { AppError, toErrorBody } from "@/lib/errors";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";

// POST /api/setup — create the first admin with the setup code printed at start (what the /setup
// form does, for scripted installs): { code, email, password, name? } → 201 { id, email, role }
export async function POST(request: Request) {
  try {
    if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
      throw new AppError("invalid_input", "Send the setup as JSON (Content-Type: application/json).");
    }
    const text = await request.text();
    if (text.length > 16_384) throw new AppError("invalid_input", "The setup body is too large.");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("invalid_input", "The request body is not valid JSON.");
    }
    return NextResponse.json(await setupFirstAdmin(body, { address: clientAddress(request.headers) }), { status: 201 });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    const retryAfter = error instanceof RateLimitedError ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return NextResponse.json(body, { status, headers: retryAfter });
  }
}
