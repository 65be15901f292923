/** The phone keypad's rules: which keys exist, and how keyed digits show on screen. */

/** The keypad, row by row. */
export const KEYPAD_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['*', '0', '#'],
];

/** The key a keyboard key stands for, or undefined when it is not a keypad key. */
export function keypadKey(keyboardKey: string): string | undefined {
  return /^[0-9*#]$/.test(keyboardKey) ? keyboardKey : undefined;
}

/** What the caller keyed, as the screen shows it: digits masked (they may be a phone number), * and # as is. */
export function maskedKeys(keys: string): string {
  return keys.replace(/[0-9]/g, '•');
}
