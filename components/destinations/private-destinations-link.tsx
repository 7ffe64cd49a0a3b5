import Link from "next/link";

/** Under a URL the address policy refused as private or loopback: the setting that allows it. */
export function PrivateDestinationsLink() {
  return (
    <span data-testid="private-destinations-hint">
      Trying Tidewater against a receiver on this machine? An admin can allow it in{" "}
      <Link href="/settings#private-destinations">Settings → Private destinations</Link>, without restarting the server.
    </span>
  );
}
