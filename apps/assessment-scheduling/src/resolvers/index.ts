import { DateScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Party } from './Party';

export const resolvers: Resolvers = { Date: DateScalar, Query, Party };
