// The workspace's alert settings (default rules, SMTP) and a sync's overrides.
import { decryptSecret, encryptSecret } from "../crypto";
import { recordAudit } from "../audit/record-audit";
import { db, type Db } from "../db";
import { notFound, parseInput } from "../errors";
import {
  DEFAULT_ALERT_RULES,
  ZAlertRulesSchema,
  ZSmtpSettingsSchema,
  ZSyncAlertRulesSchema,
  ZUpdateWorkspaceAlertsSchema,
  type TAlertRules,
  type TSmtpSettings,
  type TSyncAlertRules,
} from "./schemas";

const ID = "workspace";

type TPublicSmtp = Omit<TSmtpSettings, "password"> & { passwordSet: boolean };
export type TWorkspaceAlerts = { rules: TAlertRules; smtp: TPublicSmtp | null };

async function row(database: Db) {
  return database.alertSettings.findUnique({ where: { id: ID } });
}
type TStoredSettings = NonNullable<Awaited<ReturnType<typeof row>>>;

function rulesOf(json: string | undefined): TAlertRules {
  const stored = ZAlertRulesSchema.partial().safeParse(JSON.parse(json ?? "{}"));
  return { ...DEFAULT_ALERT_RULES, ...(stored.success ? stored.data : {}) };
}

/** What Settings → Alerts shows: the rules, and the SMTP server without its password (only whether one is set). */
export async function getWorkspaceAlerts(database: Db = db()): Promise<TWorkspaceAlerts> {
  return workspaceAlertsOf(await row(database));
}

function workspaceAlertsOf(stored: TStoredSettings | null): TWorkspaceAlerts {
  const smtp = storedSmtp(stored);
  return {
    rules: rulesOf(stored?.rulesJson),
    smtp: smtp.host ? { ...(ZSmtpSettingsSchema.omit({ password: true }).parse(smtp)), passwordSet: !!stored?.smtpPasswordEncrypted } : null,
  };
}

function storedSmtp(stored: TStoredSettings | null): Partial<TSmtpSettings> {
  return stored ? (JSON.parse(stored.smtpJson) as Partial<TSmtpSettings>) : {};
}

/** An admin changes the default rules (only those given) or the SMTP server (null removes it). */
export async function updateWorkspaceAlerts(input: unknown, database: Db = db()): Promise<TWorkspaceAlerts> {
  const changes = parseInput(ZUpdateWorkspaceAlertsSchema, input);
  const stored = await row(database);
  const data: { rulesJson?: string; smtpJson?: string; smtpPasswordEncrypted?: string | null } = {};
  if (changes.rules) data.rulesJson = JSON.stringify({ ...rulesOf(stored?.rulesJson), ...changes.rules });
  if (changes.smtp === null) Object.assign(data, { smtpJson: "{}", smtpPasswordEncrypted: null });
  else if (changes.smtp) {
    const { password, ...plain } = changes.smtp;
    data.smtpJson = JSON.stringify(plain);
    // The form never holds the stored password: empty keeps it.
    if (password) data.smtpPasswordEncrypted = encryptSecret(password);
  }
  const before = workspaceAlertsOf(stored);
  return database.$transaction(async (tx) => {
    const after = workspaceAlertsOf(await tx.alertSettings.upsert({ where: { id: ID }, create: { id: ID, ...data }, update: data }));
    const smtpPassword = (state: TWorkspaceAlerts, changed: boolean) => (state.smtp?.passwordSet ? (changed ? "•••• changed" : "•••• set") : null);
    await recordAudit(
      {
        action: "alert_rules.update",
        resource: { type: "alert_rules", id: "workspace", name: "Workspace alert rules" },
        before: { ...before, smtpPassword: smtpPassword(before, false) },
        after: { ...after, smtpPassword: smtpPassword(after, !!data.smtpPasswordEncrypted) },
      },
      tx,
    );
    return after;
  });
}

/** The SMTP server with its password, for sending only: never for a response. */
export async function smtpForSending(database: Db = db()): Promise<TSmtpSettings | null> {
  const stored = await row(database);
  const smtp = storedSmtp(stored);
  if (!smtp.host) return null;
  return { ...ZSmtpSettingsSchema.parse(smtp), ...(stored?.smtpPasswordEncrypted ? { password: decryptSecret(stored.smtpPasswordEncrypted) } : {}) };
}

export type TSyncAlerts = { overrides: TSyncAlertRules; effective: TAlertRules; workspace: TAlertRules };

/** A sync's own rules, the workspace's, and what applies (each override replaces its rule). */
export async function getSyncAlertRules(syncId: string, database: Db = db()): Promise<TSyncAlerts> {
  const [sync, stored, workspace] = await Promise.all([
    database.sync.findUnique({ where: { id: syncId }, select: { id: true } }),
    database.syncAlertRules.findUnique({ where: { syncId } }),
    getWorkspaceAlerts(database),
  ]);
  if (!sync) throw notFound("Sync");
  const parsed = ZSyncAlertRulesSchema.safeParse(JSON.parse(stored?.rulesJson ?? "{}"));
  const overrides = parsed.success ? parsed.data : {};
  const effective = { ...workspace.rules };
  for (const [name, rule] of Object.entries(overrides)) if (rule) Object.assign(effective, { [name]: rule });
  return { overrides, effective, workspace: workspace.rules };
}

/** Sets a sync's overrides: a rule given replaces the workspace's, null goes back to it, absent stays. */
export async function updateSyncAlertRules(syncId: string, input: unknown, database: Db = db()): Promise<TSyncAlerts> {
  const changes = parseInput(ZSyncAlertRulesSchema, input);
  const { overrides } = await getSyncAlertRules(syncId, database);
  const merged: TSyncAlertRules = { ...overrides };
  for (const [name, rule] of Object.entries(changes)) {
    if (rule === null) delete merged[name as keyof TSyncAlertRules];
    else if (rule) Object.assign(merged, { [name]: rule });
  }
  const rulesJson = JSON.stringify(merged);
  await database.$transaction(async (tx) => {
    await tx.syncAlertRules.upsert({ where: { syncId }, create: { syncId, rulesJson }, update: { rulesJson } });
    const sync = await tx.sync.findUniqueOrThrow({ where: { id: syncId }, select: { name: true } });
    await recordAudit({ action: "alert_rules.update", resource: { type: "sync", id: syncId, name: sync.name }, before: { alertRules: overrides }, after: { alertRules: merged } }, tx);
  });
  return getSyncAlertRules(syncId, database);
}
