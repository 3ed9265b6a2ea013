// "As known on": the projection keeps when party-registry recorded each count (the event's occurredAt),
// so a past day's answer leaves out counts recorded after it. Counts projected before this migration
// have none: they are read as known all along.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PremisesRecordedAt1765100000002 implements MigrationInterface {
  name = 'PremisesRecordedAt1765100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projected_premises" ADD "recorded_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projected_premises" DROP COLUMN "recorded_at"`);
  }
}
