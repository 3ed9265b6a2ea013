import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { SSC_SEATS } from '@sec-assure/rules';
import { appendToOutbox } from '@sec-assure/events';
import { conflict, notFound, isUniqueViolation } from '@sec-assure/service';
import { MemberEntity, type MemberRow } from '../entities/member.entity';
import { NominationEntity } from '../entities/nomination.entity';
import { decideAppointment } from '../domain/appointment';
import { findElection, findNomination } from '../queries/elections';
import type { CommandMeta } from './command-meta';

/** R-SSC-4: appoints the winner, makes way on a full seat, publishes MemberAppointed. */
export async function appointMember(
  dataSource: DataSource,
  request: { electionId: string; impartialityDeclared: boolean },
  meta: CommandMeta,
): Promise<MemberRow> {
  try {
    return await dataSource.transaction(async (manager) => {
      const election = await findElection(manager, request.electionId, true);
      if (!election) throw notFound('Election', request.electionId);
      // Appointments to one seat kind (from different elections) take their turn.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ssc-seat:${election.seatKind}`]);
      const members = manager.getRepository(MemberEntity);
      const winner = election.winnerNominationId ? await findNomination(manager, election.winnerNominationId) : null;
      const appointment = decideAppointment({
        election,
        winner,
        appointed: await members.findOne({ where: { electionId: election.id } }),
        impartialityDeclared: request.impartialityDeclared,
        seatMembers: await members.find({ where: { seatKind: election.seatKind } }),
        seatCount: SSC_SEATS.find((s) => s.kind === election.seatKind)?.count ?? 0,
        today: meta.today,
      });
      const member: MemberRow = {
        id: randomUUID(),
        electionId: election.id,
        name: appointment.name,
        seatKind: election.seatKind,
        partyId: appointment.partyId,
        impartialityDeclared: true,
        termEndsOn: appointment.termEndsOn,
        appointedAt: meta.now,
        appointedBy: meta.actor,
        supersededBy: null,
      };
      if (appointment.approvesWinner && winner) {
        await manager.getRepository(NominationEntity).update({ id: winner.id }, { approvedBySsc: true, approvedAt: meta.now, approvedBy: meta.actor });
        await appendToOutbox(manager, {
          type: 'NominationApproved',
          correlationId: meta.correlationId,
          data: { electionId: election.id, nominationId: winner.id },
        });
      }
      await members.insert(member);
      if (appointment.supersededMemberIds.length > 0) {
        await members.update({ id: In(appointment.supersededMemberIds) }, { supersededBy: member.id });
      }
      await appendToOutbox(manager, {
        type: 'MemberAppointed',
        correlationId: meta.correlationId,
        data: {
          memberId: member.id,
          electionId: election.id,
          name: member.name,
          seatKind: member.seatKind,
          partyId: member.partyId,
          termEndsOn: member.termEndsOn,
          impartialityDeclared: member.impartialityDeclared,
          supersededMemberIds: appointment.supersededMemberIds,
        },
      });
      return member;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'ssc_member_election_id_key')) throw conflict(`The winner of election ${request.electionId} is already appointed`);
    throw error;
  }
}
