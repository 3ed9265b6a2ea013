import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { conflictOnUniqueViolation, isConcurrentChangeFailure } from './unique-violation';

/** What TypeORM throws for a failed statement: the driver's error, with its SQLSTATE, inside. */
const failed = (code: string, constraint?: string): QueryFailedError =>
  new QueryFailedError('INSERT INTO engagement ...', [], Object.assign(new Error(`sqlstate ${code}`), { code, constraint }));

describe('conflictOnUniqueViolation: a race answers as a serial order would (R-SRP-7, R-PARTY-1 races)', () => {
  it('runs a transaction PostgreSQL rolled back as a deadlock again, and the winner\'s row then answers CONFLICT', async () => {
    const outcomes = [failed('40P01'), failed('23P01', 'engagement_no_overlap')];
    const work = jest.fn(async () => {
      throw outcomes.shift();
    });
    const answer = conflictOnUniqueViolation(work, 'The user already engages this shared resource', 'engagement_no_overlap');
    await expect(answer).rejects.toMatchObject({ message: 'The user already engages this shared resource', code: 'CONFLICT' });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('returns what a run after a serialization failure returns', async () => {
    const work = jest.fn().mockRejectedValueOnce(failed('40001')).mockResolvedValueOnce('stored');
    await expect(conflictOnUniqueViolation(work, 'taken')).resolves.toBe('stored');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('gives up after three runs again and lets the deadlock through (then answered as CONFLICT, concurrent-change.ts)', async () => {
    const work = jest.fn(async () => {
      throw failed('40P01');
    });
    await expect(conflictOnUniqueViolation(work, 'taken')).rejects.toBeInstanceOf(QueryFailedError);
    expect(work).toHaveBeenCalledTimes(4);
  });

  it('runs once on any other failure, and leaves a violation of another constraint as it was', async () => {
    const other = jest.fn(async () => {
      throw failed('23505', 'party_pkey');
    });
    await expect(conflictOnUniqueViolation(other, 'taken', 'party_name_key')).rejects.toBeInstanceOf(QueryFailedError);
    expect(other).toHaveBeenCalledTimes(1);
    const bug = jest.fn(async () => {
      throw new TypeError('x is undefined');
    });
    await expect(conflictOnUniqueViolation(bug, 'taken')).rejects.toBeInstanceOf(TypeError);
    expect(bug).toHaveBeenCalledTimes(1);
  });

  it('knows a concurrent-change failure by its SQLSTATE, on the error or its cause', () => {
    expect(isConcurrentChangeFailure(failed('40P01'))).toBe(true);
    expect(isConcurrentChangeFailure(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(true);
    expect(isConcurrentChangeFailure(new GraphQLError('wrapped', { originalError: failed('40P01') }))).toBe(false);
    expect(isConcurrentChangeFailure(new Error('outer', { cause: failed('40P01') }))).toBe(true);
    expect(isConcurrentChangeFailure(failed('23505'))).toBe(false);
  });
});
