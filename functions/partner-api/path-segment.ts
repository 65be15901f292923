/**
 * Decodes one percent-encoded path segment. A malformed escape (`%E0%A4%A`) is the client's mistake,
 * so it yields undefined (a 404), never the URIError that decodeURIComponent throws.
 */
export function decodePathSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
