// @sec-assure/client: one typed document per operation of ../shared/contract/operations
// (`RegisterPartyDocument`, `PartyOverviewDocument`, ...), the API's types, and `request`.
export * from './__generated__/graphql';
export { request, GatewayError, type GatewayOptions, type GraphQLErrorResult } from './request';
