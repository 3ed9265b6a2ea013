export * from './assessment-load-what-if';
export * from './registry';
export { explainChange } from './explain-change';
