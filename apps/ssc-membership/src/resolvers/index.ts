import { DateScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { seatTable } from '../domain/seats';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    sscSeats: () => seatTable(),
  },
};
