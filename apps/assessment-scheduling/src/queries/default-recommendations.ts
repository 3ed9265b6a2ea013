import type { EntityManager } from 'typeorm';
import { DefaultRecommendationEntity, type DefaultRecommendationRow } from '../entities/assessment.entity';

/** R-DEF-1: recommendations newest first; `raised` filters on whether the SSC took them to the Panel. */
export async function defaultRecommendations(manager: EntityManager, raised: boolean | null): Promise<DefaultRecommendationRow[]> {
  const qb = manager.getRepository(DefaultRecommendationEntity).createQueryBuilder('r').orderBy('r.seq', 'DESC');
  if (raised === true) qb.where('r.raisedOn IS NOT NULL');
  if (raised === false) qb.where('r.raisedOn IS NULL');
  return qb.getMany();
}

/** R-DEF-1: the recommendations naming `userPartyId` among a non-compliant provider's users. */
export async function recommendationsAffecting(manager: EntityManager, userPartyId: string): Promise<DefaultRecommendationRow[]> {
  return manager
    .getRepository(DefaultRecommendationEntity)
    .createQueryBuilder('r')
    .where(':user = ANY(r.userPartyIds)', { user: userPartyId })
    .orderBy('r.seq', 'DESC')
    .getMany();
}

export async function findRecommendation(manager: EntityManager, id: string): Promise<DefaultRecommendationRow | null> {
  return manager.getRepository(DefaultRecommendationEntity).findOneBy({ id });
}
