import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { EngagementEntity, type EngagementRow } from '../entities/engagement.entity';
import { SharedResourceEntity, type SharedResourceRow } from '../entities/shared-resource.entity';
import { notificationGap, type NoticeSettings, type NotificationGap } from '../domain/engagement-notifications';
import { isUuid } from '../domain/ids';

export type EngagementGap = NotificationGap<EngagementRow>;

type EngagementColumn = 'userPartyId' | 'providerPartyId' | 'sharedResourceId';

/** Engagements of many parties (or resources) in one query, each list in start-date order. */
export async function engagementsBy(dataSource: DataSource, column: EngagementColumn, ids: readonly string[]): Promise<EngagementRow[][]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length
    ? await dataSource.getRepository(EngagementEntity).find({ where: { [column]: In(valid) }, order: { startDate: 'ASC', id: 'ASC' } })
    : [];
  return ids.map((id) => rows.filter((r) => r[column] === id));
}

export async function engagementById(dataSource: DataSource, id: string): Promise<EngagementRow | null> {
  return isUuid(id) ? dataSource.getRepository(EngagementEntity).findOne({ where: { id } }) : null;
}

export async function sharedResourcesByIds(dataSource: DataSource, ids: readonly string[]): Promise<Array<SharedResourceRow | null>> {
  const valid = ids.filter(isUuid);
  const rows = valid.length ? await dataSource.getRepository(SharedResourceEntity).findBy({ id: In(valid) }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function sharedResourcesOfProviders(dataSource: DataSource, providerIds: readonly string[]): Promise<SharedResourceRow[][]> {
  const valid = providerIds.filter(isUuid);
  const rows = valid.length
    ? await dataSource.getRepository(SharedResourceEntity).find({ where: { providerPartyId: In(valid) }, order: { registeredAt: 'ASC', id: 'ASC' } })
    : [];
  return providerIds.map((id) => rows.filter((r) => r.providerPartyId === id));
}

/** R-SRP-7: engagements started on or before asOf with a notice missing, or late against the practice threshold, on that day. */
export async function engagementNotificationReport(dataSource: DataSource, asOf: string, settings: NoticeSettings): Promise<EngagementGap[]> {
  const started = await dataSource
    .getRepository(EngagementEntity)
    .find({ where: { startDate: LessThanOrEqual(asOf) }, order: { startDate: 'ASC', id: 'ASC' } });
  return started.map((e) => notificationGap(e, asOf, settings)).filter((gap): gap is EngagementGap => gap !== null);
}
