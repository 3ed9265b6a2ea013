import { authorize } from '@sec-assure/auth';
import { notFound } from '@sec-assure/service';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { assessmentLoad } from '../queries/load';
import { assessmentsDue } from '../queries/due';
import { partyNames, scheduledAssessments } from '../queries/export-data';
import { tableFile, type ExportFile } from '@sec-assure/service/exports';
import { scheduleCalendar } from '../exports/schedule-calendar';
import { impactTable, overdueTable, scheduleTable, type Table } from '../exports/scheduling-tables';

// Each export is checked exactly as the query whose data it holds: readAssessments for one party
// (its own for a PARTY_USER) or for all, readAssessmentLoad for the impact count.

async function schedulingTable(table: 'SCHEDULE' | 'OVERDUE' | 'IMPACT_COUNT', args: { partyId?: string | null; asOf?: string | null; year?: number | null }, ctx: Context): Promise<Table> {
  const manager = ctx.dataSource.manager;
  if (table === 'IMPACT_COUNT') {
    authorize(ctx.caller, 'readAssessmentLoad');
    const year = args.year ?? Number(ctx.today.slice(0, 4));
    const counts = [await assessmentLoad(manager, year, 'LEGACY', ctx.rules.registry), await assessmentLoad(manager, year, 'SECMP0044', ctx.rules.registry)];
    return impactTable(year, counts);
  }
  const partyId = args.partyId ?? null;
  authorize(ctx.caller, table === 'OVERDUE' ? 'readSchedulingOversight' : 'readAssessments', { partyId });
  const names = await knownParty(partyId, ctx);
  if (table === 'OVERDUE') {
    const asOf = args.asOf ?? ctx.today;
    const due = await assessmentsDue(manager, asOf, 0, ctx.rules.registry);
    return overdueTable(partyId === null ? due : due.filter((d) => d.partyId === partyId), names, asOf);
  }
  return scheduleTable(await scheduledAssessments(manager, partyId), names);
}

/** The party names; a partyId the register never had is NOT_FOUND (as registerExport), not an empty file. */
async function knownParty(partyId: string | null, ctx: Context): Promise<ReadonlyMap<string, string>> {
  const names = await partyNames(ctx.dataSource.manager);
  if (partyId !== null && !names.has(partyId)) throw notFound('Party', partyId);
  return names;
}

export const exportQueries: Pick<QueryResolvers, 'assessmentCalendar' | 'schedulingExport'> = {
  assessmentCalendar: async (_root, { partyId }, ctx): Promise<ExportFile> => {
    authorize(ctx.caller, 'readAssessments', { partyId: partyId ?? null });
    const manager = ctx.dataSource.manager;
    const names = await knownParty(partyId ?? null, ctx);
    const title = partyId ? (names.get(partyId) ?? partyId) : 'all parties';
    return scheduleCalendar(title, await scheduledAssessments(manager, partyId ?? null), names, ctx.now);
  },
  schedulingExport: async (_root, { table, format, ...args }, ctx): Promise<ExportFile> => {
    const t = await schedulingTable(table, args, ctx);
    return tableFile(t.name, format, t.header, t.rows);
  },
};
