import type { EntityManager } from 'typeorm';
import type { Mail, TemplateName } from './templates';

export interface Notice {
  /** What the message is about, e.g. `document-issued:<id>`: one message per subject, recipient and day. */
  subjectKey: string;
  template: TemplateName;
  /** The London day the notice is for (the event's day, so a redelivery lands on the same key). */
  day: string;
  /** The message for one party, given its name; null: nothing to tell that party. */
  mailFor: (party: { id: string; name: string }) => Mail | null;
}

/**
 * Queues a notice to each party that has a contact address, in the caller's transaction; a party
 * without one is skipped. ON CONFLICT on the unique key: queueing again changes nothing.
 */
export async function queueNotice(manager: EntityManager, partyIds: readonly string[], notice: Notice): Promise<number> {
  if (partyIds.length === 0) return 0;
  const contacts: { id: string; name: string; email: string }[] = await manager.query(
    `SELECT p.id, p.name, c.email FROM party p JOIN party_contact c ON c.party_id = p.id WHERE p.id::text = ANY($1::text[])`,
    [[...new Set(partyIds)]],
  );
  let queued = 0;
  for (const c of contacts) {
    const mail = notice.mailFor(c);
    if (!mail) continue;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification (subject_key, recipient, day, party_id, template, subject, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT uq_notification_subject_recipient_day DO NOTHING RETURNING id`,
      [notice.subjectKey, c.email.toLowerCase(), notice.day, c.id, notice.template, mail.subject, mail.text],
    );
    queued += rows.length;
  }
  return queued;
}

/** Party names this service knows (a party not registered here has none). */
export async function partyNameOf(manager: EntityManager, partyId: string): Promise<string> {
  const rows: { name: string }[] = await manager.query('SELECT name FROM party WHERE id::text = $1', [partyId]);
  return rows[0]?.name ?? 'a SEC Party';
}
