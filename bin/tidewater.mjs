#!/usr/bin/env node
// `tidewater` — config as code for a running Tidewater instance (lib/config/cli.ts). The CLI is
// TypeScript like the rest of the app: tsx's API compiles it on load, so `npx tidewater` works in a checkout.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/config/cli.ts");
process.exitCode = await main(process.argv.slice(2));
