/**
 * The encryption context that binds a callback's encrypted contact details to their request. The
 * functions put it in every ESDK message; the phone key's policy requires its keys on every
 * GenerateDataKey and Decrypt, so the key cannot be used for anything else.
 */
export const CONTACT_CONTEXT_PURPOSE = 'premier-pas:callback-contact';

/** The context's keys, exactly: the ESDK suite the line uses (no signature) adds none of its own. */
export const CONTACT_CONTEXT_KEYS = ['purpose', 'requestId', 'partnerId'] as const;
