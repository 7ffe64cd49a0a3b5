// A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, parsed.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpReceiver = { host: string; port: number; user: string; password: string; mails: ParsedMail[]; stop(): Promise<void> };

export async function startSmtpReceiver(user = "alerts", password = "smtp-Pa55word-never-shown"): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    // Loopback only, so plain-text AUTH is acceptable here; STARTTLS off (its self-signed certificate would be refused).
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { host: "127.0.0.1", port, user, password, mails, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
