import type { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';

/**
 * Sends queued notices, oldest first, each marked sent in its own transaction with the row locked
 * (SKIP LOCKED: two replicas never take the same row). A message is sent at least once: a crash
 * between the SMTP server's acceptance and the commit would send it again; a restart otherwise
 * sends nothing that was sent.
 */
export async function sendQueued(dataSource: DataSource, transport: Transporter, from: string, limit = 50): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const done = await dataSource.transaction(async (manager) => {
      const rows: { id: string; recipient: string; subject: string; body: string }[] = await manager.query(
        `SELECT id, recipient, subject, body FROM notification WHERE sent_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) return false;
      try {
        await transport.sendMail({ from, to: row.recipient, subject: row.subject, text: row.body, headers: { 'X-Sec-Assure-Notification': row.id } });
        await manager.query('UPDATE notification SET sent_at = now(), attempts = attempts + 1 WHERE id = $1', [row.id]);
        sent++;
      } catch (error) {
        await manager.query('UPDATE notification SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.id, String(error).slice(0, 500)]);
      }
      return true;
    });
    if (!done) break;
  }
  return sent;
}
