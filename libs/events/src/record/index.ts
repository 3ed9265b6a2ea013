export * from './migration';
export * from './head-event';
export * from './head-publisher';
