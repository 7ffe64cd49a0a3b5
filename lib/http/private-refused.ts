// Apart from url-guard.ts (Node.js only) so the destination form can spot the refusal and link the setting.
/** How a refused private or loopback address is explained: the setting that allows it, then the variable. */
export const PRIVATE_REFUSED =
  "private and loopback destinations are refused unless an admin allows them in Settings → Private destinations (or the server runs with TIDEWATER_ALLOW_PRIVATE_DESTINATIONS=1)";
