import { z } from "zod";

/**
 * An SSH tunnel (bastion) in front of a database. Rotation keeps the old key working: put the new
 * key first and the old one after it; the tunnel reports which one the server accepted.
 */
export const ZSshTunnelSchema = z.object({
  host: z.string().trim().min(1, "Enter the SSH host"),
  port: z.coerce.number().int().min(1).max(65535).default(22),
  user: z.string().trim().min(1, "Enter the SSH user"),
  /** OpenSSH private keys to try in order. Secret: stored encrypted with the rest of the tunnel. */
  privateKeys: z.array(z.string().min(1)).min(1, "Generate a key pair for the tunnel first"),
  /** The host key pinned on first connect (`ssh-ed25519 AAAA…` or `SHA256:…`); a changed key is refused. */
  hostKey: z.string().trim().min(1).optional(),
});
export type TSshTunnel = z.infer<typeof ZSshTunnelSchema>;
