/** Submissions shared by the qualification tests. */

/** A complete real-call submission, as the guide flow passes it (drop-down values come as arrays). */
export const REAL_CALL_SUBMISSION = {
  callType: 'real',
  callerRole: 'victim',
  gender: 'woman',
  ageBand: '36-50',
  commune: ['94028'],
  violenceTypes: ['psychological', 'physical'],
  childrenExposed: 'yes',
  firstCall: 'first',
  orientations: '["cidff94","line3919"]',
  partnerCallback: 'none',
} as const;

/** A partner callback request, as the form sends it (fictional number from the ARCEP fiction range). */
export const CALLBACK = {
  partnerCallback: 'cidff94',
  callbackPhone: '06 39 98 12 34',
  callbackSafeToCall: 'yes',
  callbackMayLeaveMessage: 'no',
  callbackSafeWindows: 'weekday-morning,weekday-afternoon',
  callbackCodeWord: 'Lilas',
};
