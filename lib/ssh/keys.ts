import ssh2 from "ssh2";

export type SshKeyPair = {
  /** One line for the SSH server's `authorized_keys`: `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
  /** OpenSSH PEM (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted: the app encrypts it at rest. */
  privateKey: string;
};

/** A fresh Ed25519 key pair for one database's tunnel. */
export function generateKeyPair(comment = "tidewater"): SshKeyPair {
  const pair = ssh2.utils.generateKeyPairSync("ed25519", { comment });
  return { publicKey: pair.public.trim(), privateKey: pair.private };
}
