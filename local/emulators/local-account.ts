/**
 * The make-believe AWS account the local line runs in: the emulators accept any signed request,
 * and every ARN the line writes uses this region and account id, so it looks like a real one.
 */

/** Dummy credentials: the emulators check the signature format, not the keys. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** The line runs in Frankfurt; the emulators use the same region so ARNs look the same. */
export const LOCAL_REGION = 'eu-central-1';
/** fauxqs and our synthetic ARNs use this account id. */
export const LOCAL_ACCOUNT_ID = '000000000000';
