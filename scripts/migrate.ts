import { env } from "../lib/env";
import { migrate } from "../lib/migrate";

const applied = await migrate(env().DATABASE_URL);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
