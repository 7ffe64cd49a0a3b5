import { db, type Db } from "../db";
import { notFound } from "../errors";
import { alertMessage } from "./alert-message";
import { sendAlert, type TSendResult } from "./send-alert";

/** Settings → Alerts, *Send test alert*: one message to one channel, recorded like the others. */
export async function sendTestAlert(channelId: string, database: Db = db()): Promise<TSendResult> {
  const channel = await database.alertChannel.findUnique({ where: { id: channelId } });
  if (!channel) throw notFound("Alert channel");
  const [result] = await sendAlert(database, alertMessage("test", { id: "test", name: "Test" }, null, []), [channel]);
  return result;
}
