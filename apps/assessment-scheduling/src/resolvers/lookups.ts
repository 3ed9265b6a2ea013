import { TimingOverrideEntity, type TimingOverrideRow } from '../entities/assessment.entity';
import type { Context } from '../context';

export async function findTimingOverride(ctx: Context, id: string): Promise<TimingOverrideRow | null> {
  return ctx.dataSource.getRepository(TimingOverrideEntity).findOneBy({ id });
}
