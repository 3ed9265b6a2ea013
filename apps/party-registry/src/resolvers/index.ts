import { DateScalar, DateTimeScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Party } from './Party';
import { SharedResource } from './SharedResource';
import { Engagement } from './Engagement';

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Party, SharedResource, Engagement };
