import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { PRIVATE_REFUSED } from "./private-refused";

export class UnsafeUrlError extends Error {}

export type UrlPolicy = { allowPrivate: boolean };

// Cloud metadata services answer on link-local (169.254.169.254, fd00:ec2::254) and a few
// well-known names; they are refused even when private destinations are allowed.
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"]);

/** Why an address may not be reached under the policy, or null when it may. */
export function refusedAddress(address: string, policy: UrlPolicy): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "linkLocal" || address === "fd00:ec2::254") {
    return `${address} is a link-local or cloud-metadata address, which destinations may never use`;
  }
  if (range === "unicast") return null;
  if (policy.allowPrivate && ["loopback", "private", "uniqueLocal", "carrierGradeNat"].includes(range)) return null;
  return `${address} is a ${range} address; ${PRIVATE_REFUSED}`;
}

/** Checks a URL before any request: scheme, metadata names, and literal IP hosts (which skip DNS). */
export function checkUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError(`"${raw}" is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UnsafeUrlError("Only http and https URLs are allowed.");
  if (url.username || url.password) throw new UnsafeUrlError("Put credentials in the destination's settings, not in the URL.");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTS.has(host)) throw new UnsafeUrlError(`${host} is a cloud-metadata host, which destinations may never use.`);
  if (ipaddr.isValid(host)) {
    const reason = refusedAddress(host, policy);
    if (reason) throw new UnsafeUrlError(`Refused: ${reason}.`);
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for sockets that refuses names resolving to a forbidden address (checked after DNS). */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      for (const { address } of list) {
        const reason = refusedAddress(address, policy);
        if (reason) return callback(Object.assign(new UnsafeUrlError(`Refused ${hostname}: ${reason}.`), { code: "EREFUSED_ADDRESS" }), []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
