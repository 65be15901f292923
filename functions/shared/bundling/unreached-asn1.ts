/**
 * Stands in for `asn1.js` in deployed bundles (BUNDLING's alias in infra/constructs/line-function.ts).
 * The Encryption SDK uses asn1.js only for ECDSA: the DER form of a message signature and the PEM form
 * of a signing key. This line encrypts with a suite that has no signature, so those paths never run;
 * the real package and its own copy of bn.js are 69 KB of dispatch-callback's bundle. The SDK defines
 * its ASN.1 models when it loads, so `define` must work; using one throws, naming why.
 */

class UnreachedAsn1Error extends Error {
  override readonly name = 'UnreachedAsn1Error';
  constructor() {
    super('asn1.js is not bundled: ECDSA-signed Encryption SDK messages are not used by this line');
  }
}

const unreached = (): never => {
  throw new UnreachedAsn1Error();
};

/** The model asn1.js would return: encoding or decoding with it is the unreached path. */
const model = { encode: unreached, decode: unreached };

export default {
  define: (_name: string, _body: unknown) => model,
  bignum: {
    BN: class {
      constructor() {
        unreached();
      }
    },
  },
};
