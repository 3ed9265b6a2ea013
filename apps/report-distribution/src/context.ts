import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { DocumentRecipientRow } from './entities/document-recipient.entity';
import type { DocumentSummary } from './queries/documents';

export interface Context extends BaseContext {
  dataSource: DataSource;
  today: string;
  now: Date;
  documentById: DataLoader<string, DocumentSummary | null>;
  contentOf: DataLoader<string, string | null>;
  recipientsOf: DataLoader<string, DocumentRecipientRow[]>;
}
