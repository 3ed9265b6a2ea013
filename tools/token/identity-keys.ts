// Run: npx tsx tools/token/identity-keys.ts
// Prints a fresh Ed25519 key pair for the gateway -> subgraph internal identity, as env lines
// (PEM newlines escaped as \n, which libs/auth accepts). The private key goes to the gateway
// only, the public key to every subgraph.
import { generateInternalIdentityKeyPair } from '../../libs/auth/src/index';

const { privateKeyPem, publicKeyPem } = generateInternalIdentityKeyPair();
const oneLine = (pem: string): string => JSON.stringify(pem.trim()).slice(1, -1);
process.stdout.write(`INTERNAL_IDENTITY_PRIVATE_KEY="${oneLine(privateKeyPem)}"\nINTERNAL_IDENTITY_PUBLIC_KEY="${oneLine(publicKeyPem)}"\n`);
