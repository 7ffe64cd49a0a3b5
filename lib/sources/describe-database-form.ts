import { connectorSpec, type TSourceKind } from "../connectors/registry";
import { describeConfigForm, shapeOf, type TFormField } from "../forms/describe-config-form";

export type { TFormField };
export type TDatabaseForm = { fields: TFormField[]; sshTunnel: boolean };

/** The "Save database" form of a source kind; the SSH tunnel (`sshTunnel`) is its own section. */
export function describeDatabaseForm(kind: TSourceKind): TDatabaseForm {
  const spec = connectorSpec(kind);
  const shape = shapeOf(spec.configSchema);
  return { fields: describeConfigForm(spec.configSchema, spec.secretKeys, ["sshTunnel"]), sshTunnel: "sshTunnel" in shape };
}
