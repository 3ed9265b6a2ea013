// "As known on" for the whole register, not only premises counts: the projection keeps when
// party-registry recorded each fact it holds (the event's occurredAt), so a past day's answer leaves
// out parties, role changes, designations, engagements and engagement ends recorded after it. Rows
// projected before this migration have none: they are read as known all along.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegisterRecordedAt1765200000000 implements MigrationInterface {
  name = 'RegisterRecordedAt1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projected_party" ADD "recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "projected_role_change" ADD "recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "projected_provider_designation" ADD "recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "projected_engagement" ADD "start_recorded_at" TIMESTAMP WITH TIME ZONE, ADD "end_recorded_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projected_engagement" DROP COLUMN "end_recorded_at", DROP COLUMN "start_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "projected_provider_designation" DROP COLUMN "recorded_at"`);
    await queryRunner.query(`ALTER TABLE "projected_role_change" DROP COLUMN "recorded_at"`);
    await queryRunner.query(`ALTER TABLE "projected_party" DROP COLUMN "recorded_at"`);
  }
}
