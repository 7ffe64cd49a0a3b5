import { AlertsSettings } from "@/components/settings/alerts-settings";
import { listAlertChannels } from "@/lib/alerts/alert-channels";
import { getWorkspaceAlerts } from "@/lib/alerts/alert-settings";

/** Settings → Alerts, loaded on the server (no secret reaches the browser: only "•••• set"). */
export async function AlertsSection() {
  const [settings, channels] = await Promise.all([getWorkspaceAlerts(), listAlertChannels()]);
  return <AlertsSettings settings={settings} channels={JSON.parse(JSON.stringify(channels))} />;
}
