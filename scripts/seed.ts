import { db } from "../lib/db";
import { seedDemo } from "../lib/demo/seed-demo";

const created = await seedDemo(db());
console.log(created ? "Seeded the demo source, the Tidewater inbox and two demo syncs." : "Demo already seeded.");
await db().$disconnect();
