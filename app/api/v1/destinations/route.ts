import { withAuth } from "@/lib/api/with-auth";
import { createDestination } from "@/lib/destinations/create-destination";
import { listDestinations } from "@/lib/destinations/list-destinations";
import { ZCreateDestinationSchema } from "@/lib/destinations/schemas";

// GET /api/v1/destinations — list destinations (secrets only as "set")
export const GET = withAuth(() => listDestinations());

// POST /api/v1/destinations — create a destination
export const POST = withAuth(({ body }) => createDestination(body), { role: "admin", body: ZCreateDestinationSchema, status: 201 });
