import { DateInputScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { CandidateTally, Election, Nomination } from './Election';

export const resolvers: Resolvers = { Date: DateInputScalar, Query, Mutation, Election, CandidateTally, Nomination };
