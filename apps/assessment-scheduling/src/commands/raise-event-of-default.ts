import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@sec-assure/events';
import type { IsoDate } from '@sec-assure/rules';
import { badInput, conflict, notFound } from '@sec-assure/service';
import { DefaultRecommendationEntity, type DefaultRecommendationRow } from '../entities/assessment.entity';
import { notAfterToday } from '../domain/lifecycle';
import type { CommandMeta } from './command-meta';

/** R-DEF-1: the SSC records that it raised an Event of Default recommendation to the Panel (once). */
export async function raiseEventOfDefault(dataSource: DataSource, recommendationId: string, raisedOn: IsoDate, meta: CommandMeta): Promise<DefaultRecommendationRow> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(DefaultRecommendationEntity);
    const recommendation = await repository.findOne({ where: { id: recommendationId }, lock: { mode: 'pessimistic_write' } });
    if (!recommendation) throw notFound('Event of Default recommendation', recommendationId);
    if (recommendation.raisedOn !== null) {
      throw conflict(`Event of Default recommendation ${recommendationId} was already raised to the Panel on ${recommendation.raisedOn} by ${recommendation.raisedBy}`);
    }
    if (raisedOn < recommendation.recommendedOn) {
      throw badInput('raisedOn', `${raisedOn} is before the provider was found non-compliant (${recommendation.recommendedOn})`);
    }
    notAfterToday('raisedOn', raisedOn, meta.today, 'a raising to the Panel');
    const change = { raisedOn, raisedBy: meta.actor };
    await repository.update({ id: recommendationId }, change);
    await appendToOutbox(manager, {
      type: 'EventOfDefaultRaised',
      correlationId: meta.correlationId,
      data: {
        recommendationId,
        providerPartyId: recommendation.providerPartyId,
        assessmentId: recommendation.assessmentId,
        status: recommendation.status,
        userPartyIds: [...recommendation.userPartyIds],
        raisedOn,
        raisedBy: meta.actor,
      },
    });
    return { ...recommendation, ...change };
  });
}
