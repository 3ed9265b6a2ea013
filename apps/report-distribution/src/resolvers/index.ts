import { DateInputScalar, DateTimeScalar } from '@sec-assure/service';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Document } from './Document';
import { DocumentRecipient } from './DocumentRecipient';
import { Party } from './Party';

export const resolvers: Resolvers = { Date: DateInputScalar, DateTime: DateTimeScalar, Query, Mutation, Document, DocumentRecipient, Party };
