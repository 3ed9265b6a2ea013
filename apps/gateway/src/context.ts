import type { Caller } from '@sec-assure/auth';
import type { Logger } from '@sec-assure/service';

export interface GatewayContext {
  caller: Caller;
  correlationId: string;
  logger: Logger;
}
