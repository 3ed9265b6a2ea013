import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's pages (`parties`: by registration, then id; the next page after a given party):
 * an index walk of one page instead of sorting the whole register for every page. Without it a page
 * of the 10,000-party register sorted all 10,000 rows.
 */
export class PartyPageOrder1765300000000 implements MigrationInterface {
  name = 'PartyPageOrder1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_party_registered ON party (registered_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_party_registered');
  }
}
