// An SMTP server on loopback that keeps every message it accepts, for the notification tests.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
}

export interface TestMailbox {
  /** Every accepted message, in order; captured before the server answers, so nothing waits for mail. */
  readonly mails: CapturedMail[];
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on a port the system picks: a fixed one clashes with any other server on it, and
 * `listen` then never calls back (a failed listen rejects here instead).
 */
export async function startTestMailbox(): Promise<TestMailbox> {
  const mails: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
          mails.push({ to: to ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(0, '127.0.0.1', resolve);
  });
  return {
    mails,
    port: (smtp.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
