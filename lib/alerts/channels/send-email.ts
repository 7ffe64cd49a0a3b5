import nodemailer from "nodemailer";
import type { TAlertMessage } from "../alert-message";
import type { TSmtpSettings } from "../schemas";

export async function sendEmail(smtp: TSmtpSettings, to: string[], message: TAlertMessage): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject: message.subject, text: message.text, html: message.html });
  } finally {
    transport.close();
  }
}
