import ssh2 from "ssh2";

export type SshKeyPair = {
  /** One line for the SSH server's `authorized_keys`: `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
  /** OpenSSH PEM (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted: the app encrypts it at rest. */
  privateKey: string;
};

/**
 * Fresh pairs tried before giving up: ssh2 1.17 drops a public key's leading zero byte (about one key
 * in 256), and then neither half of the pair reads back (mscdex/ssh2#1513, #1390).
 */
const ATTEMPTS = 20;

/** A fresh Ed25519 key pair for one database's tunnel, one the tunnel is sure to read. */
export function generateKeyPair(comment = "tidewater"): SshKeyPair {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519", { comment });
    const readable = !(ssh2.utils.parseKey(pair.private) instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error);
    if (readable) return { publicKey: pair.public.trim(), privateKey: pair.private };
  }
  throw new Error("Could not generate an SSH key pair that reads back; try again.");
}
