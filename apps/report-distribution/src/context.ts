import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BaseContext } from '@sec-assure/service';
import type { DocumentRecipientRow } from './entities/document-recipient.entity';
import type { DocumentSummary, ReceivedKey } from './queries/documents';

export interface Context extends BaseContext {
  dataSource: DataSource;
  /** The server's day of the request in Europe/London (R-DIST-2), from the injected clock. */
  today: string;
  now: Date;
  documentById: DataLoader<string, DocumentSummary | null>;
  contentOf: DataLoader<string, string | null>;
  recipientsOf: DataLoader<string, DocumentRecipientRow[]>;
  /** Per request: documentsReceived of a whole page in two reads. */
  receivedBy: DataLoader<ReceivedKey, DocumentSummary[], string>;
}
