// Nx local generators (`nx g @sec-assure/tools:<name>`): see generators.json.
export { default as eventGenerator } from './event/generator';
export { default as mutationGenerator } from './mutation/generator';
