import type { DataSource } from 'typeorm';
import { badInput, notFound } from '@sec-assure/service';
import type { CommandMeta } from '../commands/command-meta';
import { recordChange } from '../commands/record-change';

// One @, no spaces, a dot in the domain: enough to catch a wrong field; the SMTP server is the judge.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateContactEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null;
  const trimmed = email.trim();
  if (trimmed.length > 254 || !EMAIL.test(trimmed)) throw badInput('email', 'must be an email address of at most 254 characters, or null');
  return trimmed;
}

export async function contactEmailOf(dataSource: DataSource, partyId: string): Promise<string | null> {
  const rows: { email: string }[] = await dataSource.query('SELECT email FROM party_contact WHERE party_id = $1', [partyId]);
  return rows[0]?.email ?? null;
}

/**
 * Sets or clears a party's contact address, with its event and audit entry when it changes. The
 * event says only whether there is an address: the address is personal data that only this
 * service's notifications use (no other service needs it).
 */
export async function setContactEmail(dataSource: DataSource, partyId: string, email: string | null, meta: CommandMeta): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const found: unknown[] = await manager.query('SELECT 1 FROM party WHERE id = $1 FOR UPDATE', [partyId]);
    if (found.length === 0) throw notFound('Party', partyId);
    const current: { email: string }[] = await manager.query('SELECT email FROM party_contact WHERE party_id = $1', [partyId]);
    if ((current[0]?.email ?? null) === email) return;
    if (email === null) await manager.query('DELETE FROM party_contact WHERE party_id = $1', [partyId]);
    else
      await manager.query(
        'INSERT INTO party_contact (party_id, email, updated_at) VALUES ($1, $2, $3) ON CONFLICT (party_id) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at',
        [partyId, email, meta.now],
      );
    await recordChange(manager, meta, {
      type: 'PartyContactChanged',
      kind: 'PARTY_CONTACT_CHANGED',
      data: { partyId, hasContact: email !== null },
      partyIds: [partyId],
      summary: email === null ? 'Contact address for notices cleared' : 'Contact address for notices set',
    });
  });
}
