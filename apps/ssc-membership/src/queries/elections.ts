import DataLoader from 'dataloader';
import { In, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { SscSeatKind } from '@sec-assure/rules';
import { ElectionEntity, type ElectionRow, type ElectionStateName } from '../entities/election.entity';
import { NominationEntity, type NominationRow } from '../entities/nomination.entity';
import { isOwnId } from '../domain/ids';

export async function findElection(manager: EntityManager, id: string, forUpdate = false): Promise<ElectionRow | null> {
  if (!isOwnId(id)) return null;
  return manager.getRepository(ElectionEntity).findOne({ where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

export async function findNomination(manager: EntityManager, id: string): Promise<NominationRow | null> {
  if (!isOwnId(id)) return null;
  return manager.getRepository(NominationEntity).findOne({ where: { id } });
}

export async function nominationsOf(manager: EntityManager, electionId: string): Promise<NominationRow[]> {
  return manager.getRepository(NominationEntity).find({ where: { electionId }, order: { nominatedAt: 'ASC', id: 'ASC' } });
}

export async function listElections(dataSource: DataSource, filter: { seatKind?: SscSeatKind | null; state?: ElectionStateName | null }): Promise<ElectionRow[]> {
  const where: FindOptionsWhere<ElectionRow> = {};
  if (filter.seatKind) where.seatKind = filter.seatKind;
  if (filter.state) where.state = filter.state;
  return dataSource.getRepository(ElectionEntity).find({ where, order: { openedAt: 'DESC', id: 'ASC' } });
}

/** Nominations per election for one request (an election list asks for many candidates lists). */
export function nominationsByElectionLoader(dataSource: DataSource): DataLoader<string, NominationRow[]> {
  return new DataLoader(async (electionIds) => {
    const rows = await dataSource.getRepository(NominationEntity).find({
      where: { electionId: In([...electionIds]) },
      order: { nominatedAt: 'ASC', id: 'ASC' },
    });
    return electionIds.map((id) => rows.filter((n) => n.electionId === id));
  });
}

/** One row of a closed election's tally, with its election so the nomination can be loaded. */
export interface TallyView {
  electionId: string;
  nominationId: string;
  votes: number;
}
