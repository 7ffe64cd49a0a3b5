import { decryptSecret } from "../crypto";
import { AppError } from "../errors";

type TunnelInput = { host?: unknown; port?: unknown; user?: unknown; sealedKey?: unknown; publicKey?: unknown; privateKeys?: unknown; hostKey?: unknown } | null | undefined;
type StoredTunnel = { host?: string; privateKeys?: string[]; hostKey?: string } | undefined;

/**
 * The `sshTunnel` part of a submitted database form as the connector expects it: a newly generated
 * key (sealed by generate-tunnel-key) replaces the stored one; without one the stored key stays.
 * `null` turns the tunnel off; `undefined` leaves the config as it was.
 */
export function newTunnelPublicKey(config: Record<string, unknown>): string | undefined {
  const input = config.sshTunnel as TunnelInput;
  return input && typeof input.sealedKey === "string" && input.sealedKey && typeof input.publicKey === "string" ? input.publicKey : undefined;
}

export function resolveTunnelConfig(config: Record<string, unknown>, stored?: Record<string, unknown>): Record<string, unknown> {
  const input = config.sshTunnel as TunnelInput;
  const previous = stored?.sshTunnel as StoredTunnel;
  if (input === undefined) return previous ? { ...config, sshTunnel: previous } : config;
  if (input === null) {
    const { sshTunnel: _removed, ...rest } = config;
    return rest;
  }
  // API callers may send the keys themselves; the form sends none (keep) or a sealed new one.
  let privateKeys = Array.isArray(input.privateKeys) && input.privateKeys.length > 0 ? (input.privateKeys as string[]) : (previous?.privateKeys ?? []);
  if (typeof input.sealedKey === "string" && input.sealedKey) {
    try {
      privateKeys = [decryptSecret(input.sealedKey)];
    } catch {
      throw new AppError("invalid_input", "The generated key is not valid any more: generate a new public key.", { "config.sshTunnel.privateKeys": ["Generate a new public key"] });
    }
  }
  const sameHost = previous?.host === input.host;
  return {
    ...config,
    sshTunnel: {
      host: input.host,
      port: input.port === "" || input.port === undefined ? undefined : input.port,
      user: input.user,
      privateKeys,
      ...(typeof input.hostKey === "string" && input.hostKey
        ? { hostKey: input.hostKey }
        : sameHost && previous?.hostKey
          ? { hostKey: previous.hostKey }
          : {}),
    },
  };
}
