import type { Caller } from '@sec-assure/auth';
import { contentWithheldReason, documentView, receivedListScope, unacknowledgedListParty } from './access';

const caller = (roles: Caller['roles'], partyId: string | null = null, sub = 'person'): Caller => ({ sub, roles, partyId });
const doc = { recipientPartyIds: ['srp', 'user-a'], issuedBy: 'cio-1' };

describe('documentView (R-DIST-4)', () => {
  it('oversight sees every recipient', () => {
    expect(documentView(caller(['SECAS_ADMIN']), doc)).toBe('allRecipients');
    expect(documentView(caller(['SSC_MEMBER']), doc)).toBe('allRecipients');
  });

  it("a recipient's party user sees the document but only its own row", () => {
    expect(documentView(caller(['PARTY_USER'], 'user-a'), doc)).toBe('ownRow');
  });

  it('anyone else sees nothing, as if it did not exist', () => {
    expect(documentView(caller(['PARTY_USER'], 'user-b'), doc)).toBeNull();
    expect(documentView(caller(['USER_CIO'], null, 'cio-2'), doc)).toBeNull();
  });

  it('the User CIO who issued it sees it whole', () => {
    expect(documentView(caller(['USER_CIO'], null, 'cio-1'), doc)).toBe('allRecipients');
  });
});

describe('receivedListScope', () => {
  it("lists a party's documents to its own users and oversight only", () => {
    expect(receivedListScope(caller(['PARTY_USER'], 'user-a'), 'user-a')).toBe('all');
    expect(receivedListScope(caller(['SSC_MEMBER']), 'user-a')).toBe('all');
    expect(receivedListScope(caller(['PARTY_USER'], 'user-b'), 'user-a')).toBe('none');
    expect(receivedListScope(caller(['USER_CIO']), 'user-a')).toBe('issuedByCaller');
  });
});

describe('unacknowledgedListParty (R-DIST-3)', () => {
  it('oversight lists every party or the one asked for', () => {
    expect(unacknowledgedListParty(caller(['SECAS_ADMIN']), undefined)).toBeNull();
    expect(unacknowledgedListParty(caller(['SECAS_ADMIN']), 'user-a')).toBe('user-a');
  });

  it("a party user lists its own party's copies, and is refused another's", () => {
    expect(unacknowledgedListParty(caller(['PARTY_USER'], 'user-a'), null)).toBe('user-a');
    expect(() => unacknowledgedListParty(caller(['PARTY_USER'], 'user-a'), 'user-b')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(() => unacknowledgedListParty(caller(['USER_CIO']), null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  });
});

describe('contentWithheldReason (R-DIST-7)', () => {
  const marked = new Date('2026-12-02T10:00:00Z');
  const doc = {
    issuedBy: 'cio-1',
    recipients: [
      { partyId: 'srp', issuedInErrorAt: null, issuedInErrorReason: null },
      { partyId: 'user-a', issuedInErrorAt: marked, issuedInErrorReason: 'sent to the wrong user' },
      { partyId: 'user-b', issuedInErrorAt: null, issuedInErrorReason: null },
    ],
  };

  it('R-DIST-7: the recipient of a copy issued in error no longer reads the content', () => {
    expect(contentWithheldReason(caller(['PARTY_USER'], 'user-a'), doc)).toBe('sent to the wrong user');
  });

  it('R-DIST-7: other recipients, oversight and the issuing User CIO still read it', () => {
    expect(contentWithheldReason(caller(['PARTY_USER'], 'user-b'), doc)).toBeNull();
    expect(contentWithheldReason(caller(['SECAS_ADMIN']), doc)).toBeNull();
    expect(contentWithheldReason(caller(['SSC_MEMBER']), doc)).toBeNull();
    expect(contentWithheldReason(caller(['USER_CIO'], null, 'cio-1'), doc)).toBeNull();
  });
});

describe('access: callers holding more than one role, or a party on a User CIO token (R-DIST-4, R-DIST-7)', () => {
  it('R-DIST-4: the issuing User CIO reads every recipient even when its token names a recipient party (it reads as the issuer)', () => {
    expect(documentView(caller(['USER_CIO'], 'user-a', 'cio-1'), doc)).toBe('allRecipients');
  });

  it('R-DIST-4: a party user who is also the issuing CIO, for a party that is no recipient, reads as the issuer', () => {
    expect(documentView(caller(['PARTY_USER', 'USER_CIO'], 'user-b', 'cio-1'), doc)).toBe('allRecipients');
    expect(documentView(caller(['PARTY_USER', 'USER_CIO'], 'user-b', 'cio-2'), doc)).toBeNull();
  });

  it("R-DIST-4, R-DIST-7: a party user who is also the issuing CIO, for a recipient party, reads as the issuer: every row, and the content after its own copy was marked in error", () => {
    expect(documentView(caller(['PARTY_USER', 'USER_CIO'], 'user-a', 'cio-1'), doc)).toBe('allRecipients');
    const marked = { issuedBy: 'cio-1', recipients: [{ partyId: 'user-a', issuedInErrorAt: new Date('2026-12-02T10:00:00Z'), issuedInErrorReason: 'wrong list' }] };
    expect(contentWithheldReason(caller(['PARTY_USER', 'USER_CIO'], 'user-a', 'cio-1'), marked)).toBeNull();
    // Another CIO's document: the party user's own row, and its copy withheld.
    expect(documentView(caller(['PARTY_USER', 'USER_CIO'], 'user-a', 'cio-2'), doc)).toBe('ownRow');
    expect(contentWithheldReason(caller(['PARTY_USER', 'USER_CIO'], 'user-a', 'cio-2'), marked)).toBe('wrong list');
  });

  it('R-DIST-7: a copy marked in error without a reason still withholds the content from its recipient, saying so', () => {
    const marked = { issuedBy: 'cio-1', recipients: [{ partyId: 'user-a', issuedInErrorAt: new Date('2026-12-02T10:00:00Z'), issuedInErrorReason: null }] };
    expect(contentWithheldReason(caller(['PARTY_USER'], 'user-a'), marked)).toBe('no reason recorded');
    // The issuing CIO still reads it, whatever party its token names.
    expect(contentWithheldReason(caller(['USER_CIO'], 'user-a', 'cio-1'), marked)).toBeNull();
  });

  it('R-DIST-3: oversight without a partyId lists every party, and a User CIO lists only what it issued', () => {
    expect(unacknowledgedListParty(caller(['SSC_MEMBER']), null)).toBeNull();
    expect(receivedListScope(caller(['USER_CIO'], 'user-a'), 'user-b')).toBe('issuedByCaller');
    expect(receivedListScope(caller(['SECAS_ADMIN']), 'user-b')).toBe('all');
  });
});

describe('documentView without an identity (R-DIST-4)', () => {
  it('a User CIO token without a sub reads no document, not even one whose issuer is unrecorded', () => {
    expect(documentView(caller(['USER_CIO'], null, ''), { recipientPartyIds: ['srp'], issuedBy: '' })).toBeNull();
  });
});
