import type { Connector } from "../types";
import { checkDemo } from "./check";
import { readDemo } from "./read";
import { demoSpec } from "./spec";

export const demoConnector: Connector = { spec: demoSpec, check: checkDemo, read: readDemo };
