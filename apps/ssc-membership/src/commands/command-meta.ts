/** Who asked for a change, when, and the correlation id its event carries. */
export interface CommandMeta {
  actor: string;
  now: Date;
  today: string;
  correlationId: string;
}
