import type { DataSource } from 'typeorm';
import { AuditEntryEntity, type AuditEntryRow } from '../entities/audit-entry.entity';

/** Every audited change that concerned the party, oldest first. */
export async function partyHistory(dataSource: DataSource, partyId: string): Promise<AuditEntryRow[]> {
  return dataSource
    .getRepository(AuditEntryEntity)
    .createQueryBuilder('a')
    .where(':partyId = ANY(a.party_ids)', { partyId })
    .orderBy('a.id', 'ASC')
    .getMany();
}
