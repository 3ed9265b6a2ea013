import type { EntityManager } from 'typeorm';
import type { HeldCopy } from '@sec-assure/rules';

/** R-DIST-7: the copies the user holds of documents about the provider (withdrawn copies excepted). */
export async function copiesHeld(manager: EntityManager, userPartyId: string, providerPartyId: string): Promise<HeldCopy[]> {
  const rows: Array<{ document_id: string; title: string | null; issued_to_party_on: string }> = await manager.query(
    `SELECT c.document_id, d.title, to_char(c.issued_to_party_on, 'YYYY-MM-DD') AS issued_to_party_on
       FROM issued_copy c LEFT JOIN known_document d ON d.id = c.document_id
      WHERE c.party_id = $1 AND c.subject_party_id = $2 AND NOT c.withdrawn`,
    [userPartyId, providerPartyId],
  );
  return rows.map((r) => ({ documentId: r.document_id, title: r.title ?? '(title not yet known)', issuedToUserOn: r.issued_to_party_on }));
}
