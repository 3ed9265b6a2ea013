// A booking entered after the day it was made (history, or a booking given its own scheduledOn) is not
// known on its booking day: "as known on" reads the day each assessment was entered. Until now every
// booking was recorded as made on the day it was entered, so existing rows take their booking day.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssessmentRecordedOn1765300000000 implements MigrationInterface {
  name = 'AssessmentRecordedOn1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment" ADD "recorded_on" date`);
    await queryRunner.query(`UPDATE "assessment" SET "recorded_on" = "scheduled_on"`);
    await queryRunner.query(`ALTER TABLE "assessment" ALTER COLUMN "recorded_on" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "recorded_on"`);
  }
}
