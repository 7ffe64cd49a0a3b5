import { describeConfigForm, type TFormField } from "../forms/describe-config-form";
import { destinationFor, type TDestinationKind } from "./registry";
import { ZDeliveryTuningSchema } from "./types";

export type TDestinationForm = { kind: string; displayName: string; description: string; fields: TFormField[]; advanced: TFormField[] };

const TUNING = Object.keys(ZDeliveryTuningSchema.shape);

/** A destination kind's form: its settings, with delivery tuning (concurrency, rate limit) apart. */
export function describeDestinationForm(kind: TDestinationKind): TDestinationForm {
  const { displayName, description, configSchema, secretKeys } = destinationFor(kind).spec;
  const all = describeConfigForm(configSchema, secretKeys);
  return { kind, displayName, description, fields: all.filter((f) => !TUNING.includes(f.key)), advanced: all.filter((f) => TUNING.includes(f.key)) };
}
