import type { DataSource } from 'typeorm';
import { AuditEntryEntity, type AuditEntryRow } from '../entities/audit-entry.entity';

/**
 * Every audited change that concerned the party, oldest first: by the time of the change (`at`), then the order
 * recorded. Commands running at once can commit in another order than their times.
 */
export async function partyHistory(dataSource: DataSource, partyId: string): Promise<AuditEntryRow[]> {
  return dataSource
    .getRepository(AuditEntryEntity)
    .createQueryBuilder('a')
    .where(':partyId = ANY(a.party_ids)', { partyId })
    .orderBy('a.at', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .getMany();
}
