import { parse } from 'graphql';
import { operationResolutionRefusal } from './operation-resolution';

// Contract header: a refusal has a code and a message a person can act on; a client's choice of
// operation is never an internal error.
describe('operation resolution', () => {
  const two = parse('query A { sscSeats { kind } } query B { sscSeats { count } }');

  it('several operations and no operationName: 400 OPERATION_RESOLUTION_FAILURE naming them', () => {
    const error = operationResolutionRefusal(two, undefined, undefined);
    expect(error?.extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } });
    expect(error?.message).toBe('The document has 2 operations (A, B): send operationName to say which one to run.');
  });

  it('an operationName the document lacks: the names it has', () => {
    expect(operationResolutionRefusal(two, 'Z', undefined)?.message).toBe('The document has no operation named "Z": operationName must be one of A, B.');
  });

  it('a subscription: 400 BAD_REQUEST pointing to the topics', () => {
    const error = operationResolutionRefusal(parse('subscription { x }'), undefined, 'subscription');
    expect(error?.extensions['code']).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/Kafka topics/);
  });

  it('a resolved query or mutation runs', () => {
    expect(operationResolutionRefusal(two, 'A', 'query')).toBeNull();
    expect(operationResolutionRefusal(parse('mutation M { x }'), undefined, 'mutation')).toBeNull();
  });
});
