import { IsNull, MoreThanOrEqual, type DataSource } from 'typeorm';
import { MemberEntity, type MemberRow } from '../entities/member.entity';
import { seatTable, type SeatView } from '../domain/seats';

export type SeatRow = SeatView<MemberRow>;

/** R-SSC-1: every seat with its current members, longest-serving first. */
export async function currentSeats(dataSource: DataSource, today: string): Promise<SeatRow[]> {
  const members = await dataSource.getRepository(MemberEntity).find({
    where: { supersededBy: IsNull(), termEndsOn: MoreThanOrEqual(today) },
    order: { appointedAt: 'ASC', id: 'ASC' },
  });
  return seatTable(members, today);
}
