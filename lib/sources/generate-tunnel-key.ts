import { encryptSecret } from "../crypto";
import { generateKeyPair } from "../ssh/keys";

/**
 * "Generate public key": a fresh key pair for a database's SSH tunnel. The private key never reaches
 * the browser in the clear: the form only holds it sealed with the app's key until "Save database".
 */
export function generateTunnelKey() {
  const pair = generateKeyPair("tidewater");
  return { publicKey: pair.publicKey, sealedKey: encryptSecret(pair.privateKey) };
}
