import { DateScalar, DateTimeScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    // First slice: no documents are stored yet, so none can be seen (R-DIST-4 answers null).
    document: () => null,
  },
  Party: {
    documentsReceived: () => [],
  },
};
